INSERT INTO members VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus');
INSERT INTO books VALUES (10, 'SICP'), (11, 'TAOCP vol. 1'), (12, 'The Mythical Man-Month'), (13, 'Refactoring');
INSERT INTO loans VALUES (100, 10, 1, '2026-12-15'), (101, 11, 2, '2026-12-20'), (102, 12, 2, '2026-12-22');

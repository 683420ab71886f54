-- A small library: the kind of schema a team drills instead of the statelessCommerce seed.
CREATE TABLE members (
    member_id  integer PRIMARY KEY,
    name       text NOT NULL
);

CREATE TABLE books (
    book_id    integer PRIMARY KEY,
    title      text NOT NULL
);

CREATE TABLE loans (
    loan_id    integer PRIMARY KEY,
    book_id    integer NOT NULL REFERENCES books,
    member_id  integer NOT NULL REFERENCES members,
    due        date NOT NULL
);

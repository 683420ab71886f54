package com.example.drills;

import dev.pgdrill.junit.Drill;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The same drill with a check too rich for YAML: the restored order's items, row by row, through Jdbi. */
class OrderItemsComeBackTest {
    private static String items(Jdbi primary) {
        List<String> rows = primary.withHandle(h -> h.createQuery(
                        "SELECT productId || 'x' || quantity FROM orderItems WHERE orderId = :order ORDER BY productId")
                .bind("order", 2).mapTo(String.class).list());
        return String.join(",", rows);
    }

    @Test
    void theRestoredOrderHasTheSameItemsAsBeforeTheDelete() {
        String[] before = new String[1];
        Drill.file(Path.of("src/test/drills/order-items.yaml"))
                .before("accidental delete", nodes -> {
                    before[0] = items(nodes.jdbi("primary"));
                    assertNotEquals("", before[0], "order 2 has items before the delete");
                })
                .after("accidental delete", nodes -> assertEquals("", items(nodes.jdbi("primary"))))
                .afterSteps(nodes -> assertEquals(before[0], items(nodes.jdbi("primary"))))
                .run();
    }
}

package dev.pgdrill.engine.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {
    @Test
    void escapesTerminalControlsVisibly() {
        assertThat(Printable.text("a\u001B[2Jb\u0007c\u0000d\u007Fe\re")).isEqualTo("a\\x1b[2Jb\\x07c\\x00d\\x7fe\\x0de");
        assertThat(Printable.text("\u009b31m \u0085")).isEqualTo("\\u009b31m \\u0085");
        assertThat(Printable.text("\u202Eexe.txt \u2066x\u2069")).isEqualTo("\\u202eexe.txt \\u2066x\\u2069");
    }

    @Test
    void keepsMeantNewlinesAndTabsButEscapesANewlineWithinOneLine() {
        assertThat(Printable.text("one\n\ttwo")).isEqualTo("one\n\ttwo");
        assertThat(Printable.line("one\n\ttwo")).isEqualTo("one\\n\ttwo");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Bob Johnson ✔ — ünïcode 日本 😀 \\x1b";
        assertThat(Printable.line(text)).isSameAs(text);
    }
}

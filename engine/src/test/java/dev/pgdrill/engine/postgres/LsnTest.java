package dev.pgdrill.engine.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LsnTest {
    private static final long SEG = Lsn.DEFAULT_SEGMENT_SIZE;

    @Test
    void parsesAndFormatsWalPositions() {
        assertThat(Lsn.parse("0/3000148")).isEqualTo(0x3000148L);
        assertThat(Lsn.parse("1/0")).isEqualTo(1L << 32);
        assertThat(Lsn.format(0x1_0300_0148L)).isEqualTo("1/3000148");
        assertThat(Lsn.format(Lsn.parse("A/FF"))).isEqualTo("A/FF");
        assertThatThrownBy(() -> Lsn.parse("3000148")).hasMessageContaining("not a WAL position");
    }

    @Test
    void positionAtSegmentBoundaryNamesTheSegmentJustCompleted() {
        // pg_switch_wal() returns the boundary 0/4000000; the completed segment is ...03, as pg_walfile_name says
        long segno = Lsn.segmentBefore(Lsn.parse("0/4000000"), SEG);
        assertThat(Lsn.segmentName(1, segno, SEG)).isEqualTo("000000010000000000000003");
        assertThat(Lsn.segmentName(1, Lsn.segmentBefore(Lsn.parse("0/3000148"), SEG), SEG))
                .isEqualTo("000000010000000000000003");
    }

    @Test
    void segmentNamesCarryTheHighWordAcrossLogIds() {
        long segno = Lsn.segmentBefore(Lsn.parse("1/1000001"), SEG);
        assertThat(Lsn.segmentName(2, segno, SEG)).isEqualTo("000000020000000100000001");
        assertThat(Lsn.segmentNumber("000000020000000100000001", SEG)).isEqualTo(segno);
    }

    @Test
    void comparesSegmentsByNumberNotByText() {
        assertThat(Lsn.covers("000000010000000100000000", 1, 0xFF, SEG)).isTrue();
        assertThat(Lsn.covers("0000000100000000000000FE", 1, 0xFF, SEG)).isFalse();
        assertThat(Lsn.covers("000000020000000000000005", 1, 5, SEG)).isTrue();
        assertThat(Lsn.covers("000000010000000000000009", 2, 5, SEG)).isFalse();
        assertThat(Lsn.covers("00000002.history", 1, 0, SEG)).isFalse();
        assertThat(Lsn.covers("000000010000000000000005.partial", 1, 5, SEG)).isFalse();
        assertThat(Lsn.covers(null, 1, 5, SEG)).isFalse();
    }

    @Test
    void ordersPositionsAsUnsignedNumbersAtTheHighEnd() {
        long belowHalf = Lsn.parse("7FFFFFFF/FFFFFFFF");
        long half = Lsn.parse("80000000/0");
        long top = Lsn.parse("FFFFFFFF/FFFFFFFF");
        long low = Lsn.parse("0/4000100");
        assertThat(Lsn.format(top)).isEqualTo("FFFFFFFF/FFFFFFFF");
        assertThat(Lsn.format(half)).isEqualTo("80000000/0");
        assertThat(Lsn.compare(low, belowHalf)).isNegative();
        assertThat(Lsn.compare(belowHalf, half)).isNegative();
        assertThat(Lsn.compare(half, top)).isNegative();
        assertThat(Lsn.compare(top, top)).isZero();
        assertThat(Lsn.isAfter(top, low)).isTrue();
        assertThat(Lsn.isAfter(low, top)).isFalse();
        assertThat(Lsn.isAfter(half, belowHalf)).isTrue();
    }

    @Test
    void measuresBytesBetweenPositionsAcrossTheSignBit() {
        assertThat(Lsn.bytesFrom(Lsn.parse("7FFFFFFF/FFFFFFFF"), Lsn.parse("80000000/0"))).isEqualTo(1);
        assertThat(Lsn.bytesFrom(Lsn.parse("80000000/0"), Lsn.parse("FFFFFFFF/FFFFFFFF"))).isEqualTo(0x7FFFFFFF_FFFFFFFFL);
        assertThat(Lsn.bytesFrom(Lsn.parse("FFFFFFFF/FFFFFFFF"), Lsn.parse("0/4000100"))).isZero();
        assertThat(Lsn.bytesFrom(Lsn.parse("0/0"), Lsn.parse("FFFFFFFF/FFFFFFFF"))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void namesTheSegmentsOfTheHighestPositions() {
        long top = Lsn.parse("FFFFFFFF/FFFFFFFF");
        assertThat(Lsn.segmentName(1, Lsn.segmentOf(top, SEG), SEG)).isEqualTo("00000001FFFFFFFF000000FF");
        assertThat(Lsn.segmentName(1, Lsn.segmentBefore(Lsn.parse("80000000/0"), SEG), SEG))
                .isEqualTo("000000017FFFFFFF000000FF");
        assertThat(Lsn.segmentNumber("00000001FFFFFFFF000000FF", SEG)).isEqualTo(Lsn.segmentOf(top, SEG));
        assertThat(Lsn.covers("000000010000000000000004", 1, Lsn.segmentOf(top, SEG), SEG)).isFalse();
    }
}

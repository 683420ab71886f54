package dev.pgdrill.engine.postgres;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveContinuityTest {
    private static final long SEG = Lsn.DEFAULT_SEGMENT_SIZE;

    private static String seg(int tl, long segno) {
        return Lsn.segmentName(tl, segno, SEG);
    }

    private static List<String> segs(int tl, long from, long to) {
        List<String> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(seg(tl, s));
        }
        return out;
    }

    /** Timeline 2 branched off timeline 1 at {@code lsn}. */
    private static Map<Integer, List<TimelineHistory.Entry>> branch(String lsn) {
        return Map.of(2, List.of(new TimelineHistory.Entry(1, Lsn.parse(lsn))));
    }

    @Test
    void aContiguousArchiveAcrossAPromotionHasNoGap() {
        List<String> files = new ArrayList<>(segs(1, 2, 5));
        files.add(seg(1, 6) + ".partial");
        files.add("00000002.history");
        files.addAll(segs(2, 6, 8));
        files.add(seg(1, 2) + ".00000028.backup");
        ArchiveContinuity.Result r = ArchiveContinuity.check(files, 1, 2, branch("0/6000148"), SEG);
        assertThat(r.missing()).isEmpty();
        assertThat(r.timelines()).extracting(ArchiveContinuity.TimelineRange::timeline).containsExactly(1, 2);
        assertThat(r.timelines().get(0).present()).isEqualTo(4);
        assertThat(r.timelines().get(1).first()).isEqualTo(6);
        assertThat(r.timelines().get(1).present()).isEqualTo(3);
        assertThat(r.segments()).isEqualTo(7);
    }

    @Test
    void aSegmentRemovedFromTheMiddleIsAGapByName() {
        List<String> files = new ArrayList<>(segs(1, 2, 7));
        files.remove(seg(1, 4));
        ArchiveContinuity.Result r = ArchiveContinuity.check(files, 1, 2, Map.of(), SEG);
        assertThat(r.missing()).containsExactly("000000010000000000000004");
    }

    @Test
    void theBackupsOwnStartSegmentMustBeThere() {
        ArchiveContinuity.Result r = ArchiveContinuity.check(segs(1, 4, 6), 1, 3, Map.of(), SEG);
        assertThat(r.missing()).containsExactly("000000010000000000000003");
    }

    @Test
    void segmentsBeforeTheOldestBackupAreNotNeeded() {
        ArchiveContinuity.Result r = ArchiveContinuity.check(segs(1, 5, 6), 1, 5, Map.of(), SEG);
        assertThat(r.missing()).isEmpty();
        assertThat(r.timelines().get(0).first()).isEqualTo(5);
    }

    @Test
    void theNewTimelineMustStartAtItsBranchPointsSegment() {
        List<String> files = new ArrayList<>(segs(1, 2, 5));
        files.add("00000002.history");
        files.addAll(segs(2, 7, 8));
        ArchiveContinuity.Result r = ArchiveContinuity.check(files, 1, 2, branch("0/6000148"), SEG);
        assertThat(r.missing()).containsExactly("000000020000000000000006");
    }

    @Test
    void theOldTimelineIsNeededUpToTheSegmentBeforeTheBranch() {
        List<String> files = new ArrayList<>(segs(1, 2, 3));
        files.add("00000002.history");
        files.addAll(segs(2, 6, 6));
        ArchiveContinuity.Result r = ArchiveContinuity.check(files, 1, 2, branch("0/6000148"), SEG);
        assertThat(r.missing()).containsExactly("000000010000000000000004", "000000010000000000000005");
    }

    @Test
    void aBranchOnASegmentBoundaryStartsTheNewTimelineThere() {
        List<String> files = new ArrayList<>(segs(1, 2, 5));
        files.add("00000002.history");
        files.addAll(segs(2, 6, 7));
        ArchiveContinuity.Result r = ArchiveContinuity.check(files, 1, 2, branch("0/6000000"), SEG);
        assertThat(r.missing()).isEmpty();
    }

    @Test
    void everyTimelineAfterTheFirstNeedsItsHistoryFile() {
        List<String> files = new ArrayList<>(segs(1, 2, 5));
        files.addAll(segs(2, 6, 7));
        files.addAll(List.of("00000003.history", seg(3, 8)));
        ArchiveContinuity.Result r = ArchiveContinuity.check(files, 1, 2, Map.of(), SEG);
        assertThat(r.missingHistory()).containsExactly("00000002.history");
        assertThat(r.missing()).containsExactly("00000002.history");
    }

    @Test
    void aTimelineWhoseHistoryCannotBeReadIsCheckedFromItsFirstArchivedSegment() {
        List<String> files = new ArrayList<>(segs(1, 2, 5));
        files.add("00000002.history");
        files.addAll(List.of(seg(2, 7), seg(2, 9)));
        ArchiveContinuity.Result r = ArchiveContinuity.check(files, 1, 2, Map.of(), SEG);
        assertThat(r.missing()).containsExactly("000000020000000000000008");
        assertThat(r.timelines().get(1).note()).contains("branch point unknown");
    }

    @Test
    void siblingTimelinesOfOneBackupAreEachCheckedFromTheirOwnBranch() {
        List<String> files = new ArrayList<>(segs(1, 2, 9));
        files.addAll(List.of("00000002.history", "00000003.history"));
        files.addAll(segs(2, 4, 5));
        files.addAll(segs(3, 7, 8));
        Map<Integer, List<TimelineHistory.Entry>> histories = Map.of(
                2, List.of(new TimelineHistory.Entry(1, Lsn.parse("0/4000100"))),
                3, List.of(new TimelineHistory.Entry(1, Lsn.parse("0/6FFFF00"))));
        ArchiveContinuity.Result r = ArchiveContinuity.check(files, 1, 2, histories, SEG);
        assertThat(r.missing()).containsExactly("000000030000000000000006");
        assertThat(r.timelines()).extracting(ArchiveContinuity.TimelineRange::present).containsExactly(8, 2, 2);
    }

    @Test
    void withoutABackupEachTimelineStartsAtItsFirstSegment() {
        ArchiveContinuity.Result r = ArchiveContinuity.check(segs(1, 3, 4), 0, -1, Map.of(), SEG);
        assertThat(r.missing()).isEmpty();
        assertThat(r.timelines().get(0).first()).isEqualTo(3);
    }

    @Test
    void readsHistoryFiles() {
        assertThat(TimelineHistory.parse("1\t0/3000148\tno recovery target specified\n\n2\t0/5000000\tat restore point\n"))
                .containsExactly(new TimelineHistory.Entry(1, 0x3000148L), new TimelineHistory.Entry(2, 0x5000000L));
        assertThat(TimelineHistory.timelineOf("0000000A.history")).isEqualTo(10);
        assertThat(TimelineHistory.timelineOf("000000010000000000000003")).isEqualTo(-1);
    }
}

package dev.pgdrill.engine.env;

import dev.pgdrill.engine.env.Topology.NodeDecl;
import dev.pgdrill.engine.testing.FakeBackupTools;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {
    @Test
    void theDefaultIsAPrimaryAndAReplicaFollowingIt() {
        assertThat(Topology.DEFAULT.names()).containsExactly("primary", "replica");
        assertThat(Topology.DEFAULT.setUpOrder()).containsExactly(NodeDecl.primary("primary"),
                NodeDecl.standby("replica", "primary"));
        assertThat(Topology.DEFAULT.followersOf("primary")).containsExactly(NodeDecl.standby("replica", "primary"));
        assertThat(EnvironmentSpec.defaults().topology()).isEqualTo(Topology.DEFAULT);
    }

    @Test
    void aStandbyDeclaredBeforeItsUpstreamIsSetUpAfterIt() {
        Topology t = new Topology(List.of(NodeDecl.standby("s2", "s1"), NodeDecl.standby("s1", "primary"),
                NodeDecl.primary("primary"), NodeDecl.standby("s3", "primary")));

        assertThat(t.names()).as("names stay as declared").containsExactly("s2", "s1", "primary", "s3");
        assertThat(t.setUpOrder()).extracting(NodeDecl::name).containsExactly("primary", "s1", "s2", "s3");
        assertThat(t.firstPrimary().name()).isEqualTo("primary");
        assertThat(t.followersOf("primary")).extracting(NodeDecl::name).containsExactly("s1", "s3");
    }

    @Test
    void aCircleOfStandbysIsRefusedNamingTheCircle() {
        assertThatThrownBy(() -> new Topology(List.of(NodeDecl.primary("primary"), NodeDecl.standby("a", "b"),
                NodeDecl.standby("b", "c"), NodeDecl.standby("c", "a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid topology: nodes follow each other in a circle: a -> b -> c -> a; one of them "
                        + "must be a primary or follow a node outside the circle");
        assertThat(Topology.problems(List.of(NodeDecl.primary("p"), NodeDecl.standby("s", "s"))))
                .containsExactly("node 's' follows itself");
    }

    @Test
    void anUnknownUpstreamIsRefusedListingTheDeclaredNodes() {
        assertThat(Topology.problems(List.of(NodeDecl.primary("primary"), NodeDecl.standby("replica", "primry"))))
                .containsExactly("node 'replica' follows 'primry', which is not declared (nodes: primary, replica)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(Topology.problems(List.of(NodeDecl.standby("a", "b"), NodeDecl.standby("a", "b"),
                NodeDecl.standby("Bad Name", "a"))))
                .containsExactly("node 'a' is declared twice",
                        "invalid node name 'Bad Name': use a lower-case letter, then up to 30 lower-case "
                                + "letters, digits, '_' or '-', e.g. 'bad-name'",
                        "no primary: every node follows another; declare one without an upstream",
                        "node 'a' follows 'b', which is not declared (nodes: a)");
        assertThat(Topology.problems(List.of())).containsExactly("no nodes: declare at least one primary");
        assertThat(Topology.problems(List.of(NodeDecl.primary("archive")))).singleElement().asString()
                .contains("node name 'archive' is reserved");
    }

    @Test
    void theSpecCarriesItsTopologyThroughEveryChange() {
        Topology three = new Topology(List.of(NodeDecl.primary("primary"), NodeDecl.standby("s1", "primary"),
                NodeDecl.standby("s2", "s1")));
        EnvironmentSpec spec = EnvironmentSpec.defaults().withTopology(three).withDatabase("shop")
                .withBackupTool(FakeBackupTools.tool("pgbackrest")).withSettings(Map.of("work_mem", "8MB"))
                .withSeed(List.of()).withPostgres(new PgVersion(false, 17));

        assertThat(spec.topology()).isEqualTo(three);
        assertThat(EnvironmentSpec.defaults().withTopology(three).defaultServer()).isFalse();
        assertThat(EnvironmentSpec.defaults().withTopology(null).topology()).isEqualTo(Topology.DEFAULT);
    }
}

package dev.pgdrill.environment.container;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerPostgresUserTest {
    private static InspectImageResponse image(Map<String, String> labels) {
        return new InspectImageResponse().withConfig(new ContainerConfig().withLabels(labels));
    }

    @Test
    void ourImagesNameThePostgresUserInALabel() {
        assertThat(ContainerPostgresUser.labelled(image(Map.of(ContainerPostgresUser.LABEL, "999:998"))))
                .contains(new ProjectFiles.Owner(999, 998));
    }

    @Test
    void anImageWithoutAWellFormedLabelIsAsked() {
        assertThat(ContainerPostgresUser.labelled(image(Map.of()))).isEmpty();
        assertThat(ContainerPostgresUser.labelled(image(null))).isEmpty();
        assertThat(ContainerPostgresUser.labelled(new InspectImageResponse())).isEmpty();
        for (String bad : new String[] {"999", "999:", "a:b", "-1:5", "999:999 ", "1234567890:1", "0:0;rm"}) {
            assertThat(ContainerPostgresUser.labelled(image(Map.of(ContainerPostgresUser.LABEL, bad)))).as(bad).isEmpty();
        }
    }
}

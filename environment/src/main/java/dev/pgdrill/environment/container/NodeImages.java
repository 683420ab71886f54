package dev.pgdrill.environment.container;

/** The PostgreSQL images container nodes run, as {@code .ci/build-images.sh} and {@code images/build.sh} build them. */
public final class NodeImages {
    /** The image when neither the drill, the options nor {@code $POSTGRES_IMAGE} name one. */
    public static final String DEFAULT = "postgres:15";

    private NodeImages() {
    }

    /** The image of PostgreSQL {@code major}: {@code postgres:17}. */
    public static String imageFor(int major) {
        return "postgres:" + major;
    }
}

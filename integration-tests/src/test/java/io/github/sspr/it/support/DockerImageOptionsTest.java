package io.github.sspr.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Docker image and the suite's server are built with the same options, so that what the suite proves holds for
 * the image: {@code docker/Dockerfile}'s {@code kc.sh build} line must hold exactly {@link SsprServerConfig#BUILD_OPTIONS}
 * plus the database and the SMS sender, which differ on purpose (the image runs on PostgreSQL with Twilio or the dev
 * sink as a build argument; the suite picks its database per run and points Twilio at WireMock). A unit test: it reads
 * files and starts nothing.
 */
class DockerImageOptionsTest {

    private static final Path DOCKERFILE = Path.of("..", "docker", "Dockerfile");
    private static final Pattern OPTION = Pattern.compile("--([a-z0-9-]+)=(\"[^\"]*\"|\\S+)");

    @Test
    void theImageIsBuiltWithTheSuitesBuildOptions() throws IOException {
        Map<String, String> image = buildOptions(Files.readString(DOCKERFILE));

        assertEquals("postgres", image.remove("db"), "the image's database");
        assertTrue(image.remove("spi-sspr-sms-sender--provider") != null, "the image chooses its SMS sender");
        assertTrue(
                image.remove("spi-sspr-sms-sender--dev--enabled") != null, "the image says whether the dev sink is on");
        assertEquals(
                SsprServerConfig.BUILD_OPTIONS, image, "docker/Dockerfile's kc.sh build options vs SsprServerConfig");
    }

    @Test
    void readsEveryOptionOfTheContinuedBuildLine() {
        String dockerfile =
                "# kc.sh build in a comment\nRUN x=1 \\\n  && /opt/keycloak/bin/kc.sh build --db=postgres --a=1 \\\n"
                        + "      --b-c=\"$X\" \\\n      --d=2\n\nFROM other\nRUN kc.sh start --e=3\n";

        assertEquals(Map.of("db", "postgres", "a", "1", "b-c", "$X", "d", "2"), buildOptions(dockerfile));
    }

    /** The options of the one {@code kc.sh build} command (comments aside), across its continued lines; unquoted. */
    static Map<String, String> buildOptions(String dockerfile) {
        String joined = dockerfile.replace("\\\n", " ");
        String command = null;
        for (String line : joined.split("\n")) {
            if (!line.strip().startsWith("#") && line.contains("kc.sh build")) {
                assertTrue(command == null, "more than one kc.sh build in the Dockerfile");
                command = line.substring(line.indexOf("kc.sh build"));
            }
        }
        assertTrue(command != null, "no kc.sh build in the Dockerfile");
        Map<String, String> options = new LinkedHashMap<>();
        Matcher m = OPTION.matcher(command);
        while (m.find()) {
            String value = m.group(2).replace("\"", "");
            assertTrue(options.put(m.group(1), value) == null, "option given twice: " + m.group(1));
        }
        return options;
    }
}

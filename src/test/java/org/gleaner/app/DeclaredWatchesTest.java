package org.gleaner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.util.List;
import org.gleaner.alert.WatchException;
import org.gleaner.alert.Watches;
import org.gleaner.config.ConfigException;
import org.gleaner.config.ConfigLoader;
import org.gleaner.config.GleanerConfig;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file's {@code watches:} section, applied to the stored watches. */
class DeclaredWatchesTest {
    private static final String TWO_WATCHES =
            """
            watches:
              - name: syria-cities
                query: homs OR aleppo
                pace: hourly
                webhook: https://hooks.example.org/a
                email: analyst@example.org
              - name: markets
                query: '"central bank"'
                private: true
            """;

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @TempDir
    Path dir;

    private static GleanerConfig config(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "feeds.yaml");
    }

    @Test
    void createsTheDeclaredWatchesWithTheirChannelsWhenTheApplicationOpens() throws Exception {
        try (Application app = Application.open(config(TWO_WATCHES), dir)) {
            Watch cities = app.watches().byName("syria-cities").orElseThrow();
            assertThat(cities.query()).isEqualTo("homs OR aleppo");
            assertThat(cities.pace()).isEqualTo(Watch.Pace.HOURLY);
            assertThat(cities.channels())
                    .extracting(WatchChannel::kind, WatchChannel::target)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(
                                    WatchChannel.Kind.WEBHOOK, "https://hooks.example.org/a"),
                            org.assertj.core.groups.Tuple.tuple(WatchChannel.Kind.EMAIL, "analyst@example.org"));
            assertThat(app.watches().byName("markets").orElseThrow().feedToken())
                    .isNotBlank();
            assertThat(app.health()).containsEntry("status", "ok");
        }
    }

    @Test
    void aDeclaredEmailWatchSendsThroughTheMailServerOfTheConfigFile() throws Exception {
        String yaml = "mail:\n  host: 127.0.0.1\n  port: " + SMTP.getSmtp().getPort()
                + "\n  from: alerts@gleaner.test\nwatches:\n  - name: desk\n    query: homs\n"
                + "    email: analyst@example.test\n";
        try (Application app = Application.open(config(yaml), dir)) {
            Watch desk = app.watches().byName("desk").orElseThrow();

            assertThat(app.sendTestAlert(desk)).singleElement().satisfies(result -> assertThat(result.delivered())
                    .as(result.message())
                    .isTrue());
            assertThat(SMTP.getReceivedMessages()).singleElement().satisfies(message -> {
                assertThat(message.getFrom()[0].toString()).isEqualTo("alerts@gleaner.test");
                assertThat(message.getAllRecipients()[0].toString()).isEqualTo("analyst@example.test");
            });
        }
    }

    @Test
    void applyingTheSameFileAgainChangesNothingAndKeepsWebhookSecrets() throws Exception {
        try (Application app = Application.open(config(TWO_WATCHES), dir)) {
            Watch before = app.watches().byName("syria-cities").orElseThrow();
            app.applyConfig(config(TWO_WATCHES));
            Watch after = app.watches().byName("syria-cities").orElseThrow();
            assertThat(after.version()).isEqualTo(before.version());
            assertThat(after.channels()).isEqualTo(before.channels());
        }
        try (Application reopened = Application.open(config(TWO_WATCHES), dir)) {
            assertThat(reopened.watches().list()).hasSize(2);
        }
    }

    @Test
    void anEditedFileUpdatesChangedWatchesAndRemovesTheOnesItNoLongerDeclares() throws Exception {
        try (Application app = Application.open(config(TWO_WATCHES), dir)) {
            String secret = app.watches().byName("syria-cities").orElseThrow().channels().stream()
                    .filter(c -> c.kind() == WatchChannel.Kind.WEBHOOK)
                    .findFirst()
                    .orElseThrow()
                    .secret();
            app.applyConfig(
                    config(
                            """
                    watches:
                      - name: syria-cities
                        query: homs OR aleppo OR idlib
                        pace: daily
                        webhook: https://hooks.example.org/a
                    """));
            Watch cities = app.watches().byName("syria-cities").orElseThrow();
            assertThat(cities.query()).isEqualTo("homs OR aleppo OR idlib");
            assertThat(cities.pace()).isEqualTo(Watch.Pace.DAILY);
            assertThat(cities.channels()).singleElement().satisfies(c -> assertThat(c.secret())
                    .isEqualTo(secret));
            assertThat(app.watches().byName("markets")).isEmpty();
        }
    }

    @Test
    void aWatchWithABadQueryIsReportedWithItsLineAndTheOthersStillApply() throws Exception {
        try (Application app = Application.open(config(TWO_WATCHES), dir)) {
            app.applyConfig(
                    config(
                            """
                    watches:
                      - name: syria-cities
                        query: (homs OR
                      - name: sanctions
                        query: sanctions -crypto
                    """));
            assertThat(app.watches().byName("syria-cities").orElseThrow().query())
                    .as("the stored version keeps running")
                    .isEqualTo("homs OR aleppo");
            assertThat(app.watches().byName("sanctions")).isPresent();
            assertThat(app.health()).containsEntry("status", "degraded");
            List<?> errors = (List<?>) app.health().get("watchErrors");
            assertThat(errors).hasSize(1);
            assertThat(String.valueOf(errors.get(0))).startsWith("feeds.yaml:2: watches[0]: ");
        }
    }

    @Test
    void watchesMadeThroughTheApiStayAndDeclaredOnesCannotBeEditedThere() throws Exception {
        try (Application app = Application.open(config(TWO_WATCHES), dir)) {
            Watches watches = app.watches();
            watches.create(new Watches.Request("mine", "wombats", Watch.Pace.IMMEDIATE, List.of(), false, 0));
            app.applyConfig(config("watches: []\n"));
            assertThat(watches.list()).extracting(Watch::name).containsExactly("mine");

            app.applyConfig(config(TWO_WATCHES));
            assertThatThrownBy(() -> watches.update("markets", "banks", null, null))
                    .isInstanceOf(WatchException.class)
                    .hasMessageContaining("configuration file")
                    .extracting(e -> ((WatchException) e).reason())
                    .isEqualTo(WatchException.Reason.DECLARED);
            assertThatThrownBy(() -> watches.delete("markets")).isInstanceOf(WatchException.class);
            assertThat(watches.pause("markets").paused()).isTrue();
        }
    }
}

package org.gleaner.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.index.FakeChangeLog.doc;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MailDeliveryTest {
    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @TempDir
    Path dir;

    AlertFixture f;
    DeliveryWorker worker;

    @BeforeEach
    void open() {
        f = new AlertFixture(dir);
        MailSender.Settings settings = MailSender.Settings.fromEnvironment(Map.of(
                "GLEANER_SMTP_HOST", "127.0.0.1",
                "GLEANER_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "GLEANER_SMTP_FROM", "alerts@gleaner.test"));
        worker = new DeliveryWorker(
                f.deliveryStore,
                Map.of(WatchChannel.Kind.EMAIL, new MailSender(settings, URI.create("http://gleaner.test/"))),
                f.clock,
                () -> 0.5);
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private static WatchChannel.Spec email() {
        return new WatchChannel.Spec(WatchChannel.Kind.EMAIL, "analyst@example.test", null);
    }

    @Test
    void immediateWatchMailsEachAlertOnceWithItsPassage() throws Exception {
        Watch watch = f.watch("homs", "homs", email());
        f.add(doc("a:1").title("Homs siege").text("The siege of Homs ended.").url("https://news.example/1"));
        f.matcher.catchUp();
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(worker.deliverDue()).isZero();

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("[homs] Homs siege");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("analyst@example.test");
        assertThat(message.getMessageID()).isEqualTo("<" + DeliveryIds.forStory(watch.id(), "a:1") + "@gleaner>");
        String body = GreenMailUtil.getBody(message);
        assertThat(body).contains("https://news.example/1", "<mark>Homs</mark>");
    }

    @Test
    void dailyDigestGroupsTheDaysAlertsIntoOneMessage() throws Exception {
        f.watch("homs", "homs", Watch.Pace.DAILY, email());
        for (int i = 1; i <= 3; i++) {
            f.add(doc("a:" + i).title("Homs report " + i));
            f.matcher.catchUp();
            f.advance(Duration.ofMinutes(20));
        }
        assertThat(worker.deliverDue()).isZero();
        f.advance(Duration.ofDays(1));
        assertThat(worker.deliverDue()).isEqualTo(3);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("[homs] 3 new stories (daily digest)");
        assertThat(GreenMailUtil.getBody(received[0])).contains("Homs report 1", "Homs report 2", "Homs report 3");
    }

    @Test
    void unreachableSmtpServerIsRetriedNotLost() throws Exception {
        f.watch("homs", "homs", email());
        f.add(doc("a:1").title("Homs"));
        f.matcher.catchUp();
        SMTP.stop();
        assertThat(worker.deliverDue()).isZero();
        assertThat(f.deliveryStore.counts().get(org.gleaner.store.Delivery.State.PENDING))
                .isEqualTo(1);
    }
}

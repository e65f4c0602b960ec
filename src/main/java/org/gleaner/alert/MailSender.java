package org.gleaner.alert;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.gleaner.store.Delivery;
import org.jspecify.annotations.Nullable;

/**
 * Sends alerts and digests by e-mail through the configured SMTP server (Jakarta Mail, Angus).
 * The Message-ID is the delivery id, so a repeat after a crash threads as the same message.
 */
public final class MailSender implements Sender {
    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(20);

    /**
     * SMTP settings.
     *
     * @param startTls require STARTTLS before authenticating
     */
    public record Settings(
            String host, int port, String from, @Nullable String user, @Nullable String password, boolean startTls) {

        /**
         * From {@code GLEANER_SMTP_HOST}, {@code _PORT} (25), {@code _FROM}, {@code _USER},
         * {@code _PASSWORD}, {@code _STARTTLS}; null when no host is set (e-mail channels then wait).
         */
        public static @Nullable Settings fromEnvironment(Map<String, String> env) {
            String host = env.get("GLEANER_SMTP_HOST");
            if (host == null || host.isBlank()) {
                return null;
            }
            String port = env.getOrDefault("GLEANER_SMTP_PORT", "25");
            return new Settings(
                    host,
                    Integer.parseInt(port.strip()),
                    env.getOrDefault("GLEANER_SMTP_FROM", "gleaner@localhost"),
                    env.get("GLEANER_SMTP_USER"),
                    env.get("GLEANER_SMTP_PASSWORD"),
                    Boolean.parseBoolean(env.getOrDefault("GLEANER_SMTP_STARTTLS", "false")));
        }
    }

    private final Settings settings;
    private final URI publicBase;
    private final Session session;

    public MailSender(Settings settings, URI publicBase) {
        this.settings = settings;
        this.publicBase = publicBase;
        Properties props = new Properties();
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", Integer.toString(settings.port()));
        props.put("mail.smtp.connectiontimeout", Long.toString(SMTP_TIMEOUT.toMillis()));
        props.put("mail.smtp.timeout", Long.toString(SMTP_TIMEOUT.toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(SMTP_TIMEOUT.toMillis()));
        if (settings.user() != null) {
            props.put("mail.smtp.auth", "true");
        }
        if (settings.startTls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public Outcome send(Delivery.Batch batch) {
        String id = Messages.id(batch);
        try {
            MimeMessage message = new StableIdMessage(session, "<" + id + "@gleaner>");
            message.setFrom(new InternetAddress(settings.from()));
            message.setRecipients(
                    Message.RecipientType.TO,
                    InternetAddress.parse(batch.channel().target()));
            message.setSubject(Messages.subject(batch), "UTF-8");
            message.setSentDate(Date.from(batch.items().get(0).dueAt()));
            message.setHeader("X-Gleaner-Delivery-Id", id);
            MimeBodyPart text = new MimeBodyPart();
            text.setText(Messages.plain(batch, publicBase), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(Messages.html(batch, publicBase), "text/html; charset=UTF-8");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            if (settings.user() != null) {
                Transport.send(message, settings.user(), settings.password());
            } else {
                Transport.send(message);
            }
            return new Outcome.Sent(250);
        } catch (MessagingException | RuntimeException e) {
            return new Outcome.Retry(null, null, "SMTP: " + e.getMessage());
        }
    }

    /** A message whose Message-ID is ours instead of a random one. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}

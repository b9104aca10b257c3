package io.tocsin.local.testing;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a recipient's mailbox over IMAP, as the person would: what was really delivered by SMTP. */
public final class TestMail {

    /** One delivered message, fully read. */
    public record Mail(String subject, List<String> to, String body) {
    }

    private TestMail() {
    }

    public static List<Mail> inbox(String address) {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", TestInfrastructure.setting("imap.port"));
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect(address, address);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Mail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    List<String> to = new ArrayList<>();
                    for (var recipient : message.getAllRecipients()) {
                        to.add(recipient.toString());
                    }
                    mails.add(new Mail(message.getSubject(), to, text(message.getContent())));
                }
                inbox.close(false);
                return mails;
            } finally {
                store.close();
            }
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException("Cannot read the mailbox of " + address, e);
        }
    }

    private static String text(Object content) throws MessagingException, java.io.IOException {
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }
}

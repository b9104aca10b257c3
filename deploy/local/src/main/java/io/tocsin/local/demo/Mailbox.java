package io.tocsin.local.demo;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A recipient's mailbox read over IMAP, as the person would read it: only what SMTP really delivered. */
public final class Mailbox {

    /** One delivered message, fully read (all text parts joined). */
    public record Mail(String subject, List<String> to, String body) {
    }

    private Mailbox() {
    }

    public static List<Mail> inbox(int imapPort, String address) {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", String.valueOf(imapPort));
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
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot read the mailbox of " + address, e);
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }
}

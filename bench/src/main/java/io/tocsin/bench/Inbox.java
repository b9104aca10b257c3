package io.tocsin.bench;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.util.Properties;

/**
 * One IMAP connection to a recipient's mailbox, asked for its message count (IMAP STATUS, nothing cached) as often
 * as the benchmark likes: a mail counts once the SMTP server made it readable.
 */
final class Inbox implements AutoCloseable {

    private final Store store;

    Inbox(int imapPort, String address) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", String.valueOf(imapPort));
        properties.put("mail.imap.statuscachetimeout", "0");
        store = Session.getInstance(properties).getStore("imap");
        store.connect(address, address);
    }

    int count() throws MessagingException {
        Folder inbox = store.getFolder("INBOX");
        return inbox.exists() ? inbox.getMessageCount() : 0;
    }

    @Override
    public void close() throws MessagingException {
        store.close();
    }
}

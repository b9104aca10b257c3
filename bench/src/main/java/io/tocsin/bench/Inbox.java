package io.tocsin.bench;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.util.Properties;

/**
 * A recipient's mailbox watched the way a phone's mail app watches it: the INBOX open over IMAP, in IDLE, so the
 * server pushes each new message ({@code * n EXISTS}) the moment it stored it. A mail counts as readable at that
 * push. (Polling with STATUS measured the mail server instead: GreenMail writes each IMAP answer in two small
 * writes without TCP_NODELAY, so every STATUS took 44 ms, Nagle's algorithm waiting on the client's delayed ACK.)
 */
final class Inbox implements AutoCloseable {

    private final Store store;
    private final IMAPFolder folder;
    private final Thread watcher;
    private volatile boolean open = true;
    private volatile int count;
    private volatile long lastArrivalNanos;

    Inbox(int imapPort, String address) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", String.valueOf(imapPort));
        store = Session.getInstance(properties).getStore("imap");
        store.connect(address, address);
        folder = (IMAPFolder) store.getFolder("INBOX");
        folder.open(Folder.READ_ONLY);
        count = folder.getMessageCount();
        folder.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                lastArrivalNanos = System.nanoTime();
                count += event.getMessages().length;
            }
        });
        watcher = new Thread(this::idle, "inbox-idle");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void idle() {
        while (open) {
            try {
                folder.idle(true);
            } catch (MessagingException | IllegalStateException e) {
                if (open) {
                    System.err.println("IMAP IDLE ended: " + e);
                }
                return;
            }
        }
    }

    /** Messages in the INBOX as the server last pushed them. */
    int count() {
        return count;
    }

    /** When the last push of a new message arrived ({@link System#nanoTime()}). */
    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    @Override
    public void close() throws MessagingException {
        open = false;
        try {
            folder.close(false);
        } finally {
            store.close();
        }
    }
}

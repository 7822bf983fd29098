package io.github.sspr.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Follows the outbox file like {@code tail -f}: a daemon thread polls it and hands each new complete line to a
 * consumer. Polling (not a WatchService) because it behaves the same on every file system and costs nothing here.
 */
final class OutboxTail implements AutoCloseable {

    private static final long POLL_MILLIS = 250;

    private final Path path;
    private final Consumer<OutboxMessage> consumer;
    private final Thread thread;
    private final LineBuffer buffer = new LineBuffer();
    private long offset;
    private volatile boolean running = true;

    OutboxTail(Path path, Consumer<OutboxMessage> consumer) {
        this.path = path;
        this.consumer = consumer;
        this.thread = new Thread(this::run, "outbox-tail");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                poll();
            } catch (IOException e) {
                // The file may be replaced between two polls; the next poll starts over.
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reads what was appended since the last call. Package-private so that a test can drive it without the thread. */
    void poll() throws IOException {
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            return;
        }
        if (size < offset) {
            // Truncated (a new run reset it): start from the top again.
            offset = 0;
            buffer.clear();
        }
        if (size == offset) {
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.position(offset);
            ByteBuffer chunk = ByteBuffer.allocate(8192);
            int read;
            while ((read = channel.read(chunk)) > 0) {
                offset += read;
                for (String line : buffer.add(chunk.array(), read)) {
                    OutboxMessage.parse(line).ifPresent(consumer);
                }
                chunk.clear();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

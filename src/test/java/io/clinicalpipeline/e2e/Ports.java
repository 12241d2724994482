package io.clinicalpipeline.e2e;

import io.clinicalpipeline.common.testing.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports for servers the tests start. */
final class Ports {

  private Ports() {}

  static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until something listens on 127.0.0.1:port, or fails after {@code seconds}. */
  static void awaitListening(int port, long seconds, ChildJvm owner) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (owner != null && !owner.isAlive()) {
          throw new AssertionError("server exited before listening on " + port + ":\n" + owner.output());
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new AssertionError(ie);
        }
      }
    }
    throw new AssertionError("nothing listens on 127.0.0.1:" + port + " after " + seconds + " s"
        + (owner == null ? "" : ":\n" + owner.output()));
  }
}

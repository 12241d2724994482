package io.clinicalpipeline.serve;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client for the benchmark: one connection, one request at a time, so the
 * figures are the server's and not a general-purpose client's thread hand-offs. Reads fixed-length
 * responses only (what the server sends).
 */
final class LoopbackClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final int port;

  LoopbackClient(int port) throws IOException {
    this.port = port;
    this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
  }

  /** POSTs {@code body} to {@code /invocations} as text/csv; returns the response body (status 200 only). */
  byte[] invoke(byte[] body) throws IOException {
    String head = String.format(Locale.ROOT,
        "POST /invocations HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: text/csv\r\nAccept: text/csv\r\n"
            + "Content-Length: %d\r\n\r\n", port, body.length);
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    String status = line();
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("unexpected response: " + status);
    }
    int length = -1;
    for (String h = line(); !h.isEmpty(); h = line()) {
      if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).strip());
      }
    }
    if (length < 0) {
      throw new IOException("response without Content-Length");
    }
    return in.readNBytes(length);
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

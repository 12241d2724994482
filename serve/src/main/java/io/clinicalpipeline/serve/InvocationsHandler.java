package io.clinicalpipeline.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code POST /invocations}: reads the body on a worker thread (at most {@code maxBody} bytes, else 413),
 * parses it by Content-Type, scores it and answers in the Accept type (text/csv when absent or a
 * wildcard). Refusals are plain-text messages naming line and field; nothing of the payload is logged or
 * echoed.
 */
final class InvocationsHandler implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(InvocationsHandler.class.getName());

  private final Predictor model;
  private final int maxBody;

  InvocationsHandler(Predictor model, int maxBody) {
    this.model = model;
    this.maxBody = maxBody;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    try {
      if (!Methods.POST.equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
        throw new BadRequest(405, "/invocations takes POST");
      }
      String contentType = mediaType(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
      String accept = accept(exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
      exchange.startBlocking();
      if (exchange.getRequestContentLength() > maxBody) {
        throw tooLarge(exchange.getInputStream());
      }
      byte[] body = read(exchange.getInputStream(), exchange.getRequestContentLength());
      Rows rows;
      if (Scores.CSV.equals(contentType)) {
        rows = CsvRows.parse(body, body.length, model.width());
      } else if (Scores.JSON_LINES.equals(contentType)) {
        rows = JsonLinesRows.parse(body, body.length, model);
      } else {
        throw new BadRequest(415, "Content-Type must be text/csv or application/jsonlines");
      }
      if (rows.count() == 0) {
        throw new BadRequest(400, "no rows in the request body");
      }
      send(exchange, 200, accept, Scores.format(model.predict(rows.values(), rows.count()), accept));
    } catch (BadRequest e) {
      if (e.status() == 413) {
        // The body may be only partly read (see tooLarge): this connection carries no other request.
        exchange.setPersistent(false);
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
      }
      send(exchange, e.status(), "text/plain", e.getMessage());
    } catch (IOException e) {
      send(exchange, 400, "text/plain", "the request body could not be read");
    } catch (Exception e) {
      LOG.log(Level.ERROR, "invocation failed: " + e.getClass().getName());
      send(exchange, 500, "text/plain", "internal error");
    }
  }

  /** The whole body; more than {@code maxBody} bytes is a 413 (chunked bodies are counted as read). */
  private byte[] read(InputStream in, long declared) throws IOException, BadRequest {
    byte[] buf = new byte[declared >= 0 ? (int) declared + 1 : 8192];
    int n = 0;
    for (int r; (r = in.read(buf, n, buf.length - n)) >= 0; ) {
      n += r;
      if (n > maxBody) {
        throw tooLarge(in);
      }
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min((long) maxBody + 1, buf.length * 2L));
      }
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }

  /**
   * The 413 for a body over the limit, after reading and dropping the rest of it (up to 8 times the limit),
   * so that the client, still sending, is not cut off before it reads the answer.
   */
  private BadRequest tooLarge(InputStream in) {
    byte[] scratch = new byte[65536];
    try {
      for (long dropped = 0; dropped < 8L * maxBody; ) {
        int r = in.read(scratch);
        if (r < 0) {
          break;
        }
        dropped += r;
      }
    } catch (IOException e) {
      // The answer is 413 either way.
    }
    return new BadRequest(413, "request body larger than " + maxBody + " bytes");
  }

  private static String mediaType(String header) throws BadRequest {
    if (header == null) {
      throw new BadRequest(415, "Content-Type must be text/csv or application/jsonlines");
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  private static String accept(String header) throws BadRequest {
    if (header == null) {
      return Scores.CSV;
    }
    for (String part : header.split(",")) {
      String type = mediaType(part);
      if (type.equals("*/*") || type.equals("text/*") || type.equals(Scores.CSV)) {
        return Scores.CSV;
      }
      if (type.equals(Scores.JSON_LINES)) {
        return Scores.JSON_LINES;
      }
    }
    throw new BadRequest(406, "Accept must be text/csv or application/jsonlines");
  }

  static void send(HttpServerExchange exchange, int status, String contentType, String message) {
    send(exchange, status, contentType, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpServerExchange exchange, int status, String contentType, byte[] body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}

package io.clinicalpipeline.serve;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.RequestLimitingHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;

/**
 * SageMaker's inference container contract on Undertow: {@code GET /ping} (200: the model is loaded; the
 * server only starts with one), {@code POST /invocations}, {@code GET /execution-parameters} (batch
 * transform's hint), anything else 404. At most {@code workers} invocations run at once, at most
 * {@code queue} wait, and beyond that the answer is 503, so a burst cannot grow the heap without bound.
 */
public final class InferenceServer implements AutoCloseable {

  private final Undertow undertow;

  private InferenceServer(Undertow undertow) {
    this.undertow = undertow;
  }

  /** Binds and starts; port 0 picks a free one ({@link #port()}). */
  public static InferenceServer start(Predictor model, ServeOptions options) {
    HttpHandler invocations =
        new RequestLimitingHandler(
            options.workers(), options.queue(), new InvocationsHandler(model, options.maxBodyBytes()));
    String executionParameters =
        "{\"MaxConcurrentTransforms\":" + options.workers()
            + ",\"BatchStrategy\":\"MULTI_RECORD\",\"MaxPayloadInMB\":"
            + Math.max(1, options.maxBodyBytes() / (1024 * 1024)) + "}";
    HttpHandler root =
        exchange -> {
          switch (exchange.getRequestPath()) {
            case "/invocations" -> invocations.handleRequest(exchange);
            case "/ping" -> get(exchange, "text/plain", "");
            case "/execution-parameters" -> get(exchange, "application/json", executionParameters);
            default -> InvocationsHandler.send(exchange, 404, "text/plain", "no such path");
          }
        };
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(options.port(), options.host())
            .setIoThreads(options.ioThreads())
            .setWorkerThreads(options.workers())
            .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
            .setHandler(root)
            .build();
    undertow.start();
    return new InferenceServer(undertow);
  }

  private static void get(HttpServerExchange exchange, String type, String body) {
    if (!Methods.GET.equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
      InvocationsHandler.send(exchange, 405, "text/plain", exchange.getRequestPath() + " takes GET");
      return;
    }
    InvocationsHandler.send(exchange, 200, type, body.isEmpty() ? new byte[0] : (body + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    undertow.stop();
  }
}

package io.clinicalpipeline.launch.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SageMaker control plane as a local HTTP endpoint speaking the service's JSON protocol (awsJson1_1:
 * POST /, {@code X-Amz-Target: SageMaker.<Operation>}, errors as {@code {"__type": ...}}). It keeps
 * pipelines, executions and model package groups in memory, checks every request body against the
 * operation's input shape in the botocore API model (members, required, enums, lengths, patterns) plus
 * the definition's version, records every call, and can throttle, fail with 5xx, or script executions.
 * Operation, member and error names are the API model's.
 */
final class FakeSageMaker implements AutoCloseable {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String ARN_PREFIX = "arn:aws:sagemaker:us-east-1:111122223333:pipeline/";

  /** One request as received. */
  record Call(String operation, JsonNode body) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  final Map<String, String> pipelines = Collections.synchronizedMap(new LinkedHashMap<>());
  /** Status returned by successive DescribePipelineExecution calls; the last one repeats. */
  final Deque<String> executionStatuses = new ArrayDeque<>(List.of("Executing"));
  /** Steps returned by ListPipelineExecutionSteps: name, status, failure reason (may be null). */
  volatile List<String[]> steps = List.of();
  volatile int throttleNext;
  /** HTTP statuses to answer the next requests with (500, 503...), one per request, before serving them. */
  final Deque<Integer> failNext = new ArrayDeque<>();
  /** Requests to drop: the connection is closed without a response (a connection error to the client). */
  volatile int dropNext;
  final Map<String, String> modelPackageGroups = Collections.synchronizedMap(new LinkedHashMap<>());
  private final JsonNode apiModel = loadApiModel();

  private static JsonNode loadApiModel() {
    java.util.Optional<java.nio.file.Path> model = io.clinicalpipeline.common.testing.SharedReference.optional(
        "sagemaker-reference/api-model/botocore-1.43.11_sagemaker_service-2.json",
        "FakeSageMaker answers without checking request bodies against the API model");
    if (model.isEmpty()) {
      return null;
    }
    try {
      return new ObjectMapper().readTree(model.get().toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Whether request bodies are checked against the API model (it sits beside the repository). */
  boolean validatesAgainstApiModel() {
    return apiModel != null;
  }

  FakeSageMaker() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<String> operations() {
    synchronized (calls) {
      return calls.stream().map(Call::operation).toList();
    }
  }

  Call last(String operation) {
    synchronized (calls) {
      for (int i = calls.size() - 1; i >= 0; i--) {
        if (calls.get(i).operation().equals(operation)) {
          return calls.get(i);
        }
      }
    }
    throw new AssertionError("no " + operation + " call");
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String target = x.getRequestHeaders().getFirst("X-Amz-Target");
      String contentType = x.getRequestHeaders().getFirst("Content-Type");
      String auth = x.getRequestHeaders().getFirst("Authorization");
      JsonNode body = json.readTree(x.getRequestBody().readAllBytes());
      if (!"POST".equals(x.getRequestMethod()) || target == null || !target.startsWith("SageMaker.")) {
        respond(x, 400, error("UnknownOperationException", "expected POST with X-Amz-Target SageMaker.*"));
        return;
      }
      if (!CONTENT_TYPE.equals(contentType)) {
        problems.add(target + ": Content-Type " + contentType);
      }
      if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=")) {
        problems.add(target + ": request not signed with SigV4");
      }
      String op = target.substring("SageMaker.".length());
      calls.add(new Call(op, body));
      validate(op, body);
      if (dropNext > 0) {
        dropNext--;
        return;
      }
      Integer failure;
      synchronized (failNext) {
        failure = failNext.poll();
      }
      if (failure != null) {
        respond(x, failure, error(failure == 503 ? "ServiceUnavailable" : "InternalFailure", "try again"));
        return;
      }
      if (throttleNext > 0) {
        throttleNext--;
        respond(x, 400, error("ThrottlingException", "Rate exceeded"));
        return;
      }
      respond(x, 200, dispatch(op, body, x));
    } catch (ResponseSent e) {
      // The error response is already written.
    } catch (RuntimeException e) {
      problems.add("handler failed: " + e);
      throw e;
    }
  }

  private void validate(String op, JsonNode body) {
    if (apiModel == null) {
      return;
    }
    JsonNode operation = apiModel.path("operations").path(op);
    if (operation.isMissingNode()) {
      problems.add("not an operation of the API model: " + op);
      return;
    }
    BotocoreValidator v = new BotocoreValidator(apiModel.path("shapes"), List.of());
    v.structure(body, operation.at("/input/shape").asText(), op, true);
    problems.addAll(v.errors);
  }

  private String dispatch(String op, JsonNode b, HttpExchange x) throws IOException {
    switch (op) {
      case "ListModelPackageGroups" -> {
        String contains = b.path("NameContains").asText("");
        ObjectNode r = json.createObjectNode();
        ArrayNode list = r.putArray("ModelPackageGroupSummaryList");
        synchronized (modelPackageGroups) {
          modelPackageGroups.forEach((name, arn) -> {
            if (name.contains(contains)) {
              list.addObject().put("ModelPackageGroupName", name).put("ModelPackageGroupArn", arn)
                  .put("CreationTime", 1.7e9).put("ModelPackageGroupStatus", "Completed");
            }
          });
        }
        return r.toString();
      }
      case "CreateModelPackageGroup" -> {
        String name = require(b, op, "ModelPackageGroupName");
        if (modelPackageGroups.containsKey(name)) {
          respond(x, 400, error("ValidationException", "Model Package Group already exists: " + name));
          throw new ResponseSent();
        }
        String arn = "arn:aws:sagemaker:us-east-1:111122223333:model-package-group/" + name;
        modelPackageGroups.put(name, arn);
        return json.createObjectNode().put("ModelPackageGroupArn", arn).toString();
      }
      case "DescribePipeline" -> {
        String name = require(b, op, "PipelineName");
        String def = pipelines.get(name);
        if (def == null) {
          throw notFound(x, "Pipeline '" + name + "' does not exist.");
        }
        return json.createObjectNode().put("PipelineArn", ARN_PREFIX + name).put("PipelineName", name)
            .put("PipelineDefinition", def).put("PipelineStatus", "Active").toString();
      }
      case "CreatePipeline", "UpdatePipeline" -> {
        String name = require(b, op, "PipelineName");
        if (op.equals("CreatePipeline")) {
          require(b, op, "ClientRequestToken");
          require(b, op, "RoleArn");
          if (pipelines.containsKey(name)) {
            problems.add("CreatePipeline for an existing pipeline");
          }
        } else if (!pipelines.containsKey(name)) {
          throw notFound(x, "Pipeline '" + name + "' does not exist.");
        }
        String def = require(b, op, "PipelineDefinition");
        JsonNode parsed = json.readTree(def);
        if (!"2020-12-01".equals(parsed.path("Version").asText()) || !parsed.path("Steps").isArray()) {
          problems.add(op + ": PipelineDefinition is not a 2020-12-01 definition");
        }
        if (def.length() > 1_000_000) {
          problems.add(op + ": PipelineDefinition over 1 MB");
        }
        pipelines.put(name, def);
        return json.createObjectNode().put("PipelineArn", ARN_PREFIX + name).toString();
      }
      case "StartPipelineExecution" -> {
        String name = require(b, op, "PipelineName");
        require(b, op, "ClientRequestToken");
        if (!pipelines.containsKey(name)) {
          throw notFound(x, "Pipeline '" + name + "' does not exist.");
        }
        return json.createObjectNode().put("PipelineExecutionArn", ARN_PREFIX + name + "/execution/abc123").toString();
      }
      case "ListPipelineExecutions" -> {
        String name = require(b, op, "PipelineName");
        ObjectNode r = json.createObjectNode();
        ArrayNode s = r.putArray("PipelineExecutionSummaries");
        s.addObject().put("PipelineExecutionArn", ARN_PREFIX + name + "/execution/abc123").put("StartTime", 1.7e9);
        return r.toString();
      }
      case "DescribePipelineExecution" -> {
        String arn = require(b, op, "PipelineExecutionArn");
        String status;
        synchronized (executionStatuses) {
          status = executionStatuses.size() > 1 ? executionStatuses.poll() : executionStatuses.peek();
        }
        ObjectNode r = json.createObjectNode().put("PipelineExecutionArn", arn).put("PipelineExecutionStatus", status);
        if (status.equals("Failed")) {
          r.put("FailureReason", "Step failure: One or multiple steps failed.");
        }
        return r.toString();
      }
      case "ListPipelineExecutionSteps" -> {
        require(b, op, "PipelineExecutionArn");
        ObjectNode r = json.createObjectNode();
        ArrayNode arr = r.putArray("PipelineExecutionSteps");
        long t = 1_700_000_000L;
        for (String[] s : steps) {
          ObjectNode n = arr.addObject().put("StepName", s[0]).put("StepStatus", s[1]).put("StartTime", t)
              .put("AttemptCount", 1);
          if (!s[1].equals("Executing")) {
            n.put("EndTime", t + 90);
          }
          if (s.length > 2 && s[2] != null) {
            n.put("FailureReason", s[2]);
          }
          t += 100;
        }
        return r.toString();
      }
      default -> {
        problems.add("unexpected operation " + op);
        return "{}";
      }
    }
  }

  private String require(JsonNode b, String op, String member) {
    JsonNode v = b.get(member);
    if (v == null || v.asText().isEmpty()) {
      problems.add(op + ": missing required " + member);
      return "";
    }
    return v.asText();
  }

  private IOException notFound(HttpExchange x, String message) throws IOException {
    respond(x, 400, error("ResourceNotFound", message));
    return new ResponseSent();
  }

  /** Thrown after an error response is written, to stop normal handling. */
  static final class ResponseSent extends IOException {}

  private String error(String type, String message) {
    return json.createObjectNode().put("__type", type).put("message", message).toString();
  }

  private static void respond(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    x.getResponseHeaders().set("x-amzn-RequestId", "req-" + System.nanoTime());
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

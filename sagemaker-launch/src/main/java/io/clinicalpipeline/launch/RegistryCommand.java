package io.clinicalpipeline.launch;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.jobs.score.ApprovalStatus;
import io.clinicalpipeline.jobs.score.ModelVersion;
import io.clinicalpipeline.launch.registry.ModelRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** {@code clinical-pipeline registry list|describe|approve|reject}: the local model registry. */
final class RegistryCommand implements Command {

  private final PrintStream out;

  RegistryCommand() {
    this(System.out);
  }

  RegistryCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "registry";
  }

  @Override
  public String summary() {
    return "list, describe, approve or reject registered model versions (OUT/registry)";
  }

  @Override
  public String help() {
    return """
        Usage: clinical-pipeline registry list     --registry DIR [--group NAME]
               clinical-pipeline registry describe --registry DIR [--group NAME] --version N
               clinical-pipeline registry approve  --registry DIR [--group NAME] --version N [--description TEXT]
               clinical-pipeline registry reject   --registry DIR [--group NAME] --version N [--description TEXT]

        The local model registry that run-local's register step writes: OUT/registry/<group>/<n>/ per
        version, OUT/registry/index.json over all. Statuses as SageMaker's ModelApprovalStatus:
        PendingManualApproval, Approved, Rejected. approve and reject record the change in the version's
        ApprovalHistory; score refuses a version that is not Approved unless --force.

        Options:
          --registry DIR     the registry folder, OUT/registry (required)
          --group NAME       the model package group (default: the only group in the registry)
          --version N        the version number
          --description TEXT why (approve, reject), kept in the history""";
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length == 0) {
      throw new UsageException("registry needs a subcommand: list, describe, approve or reject");
    }
    String sub = args[0];
    Args a = Args.parse(Arrays.copyOfRange(args, 1, args.length),
        Set.of("registry", "group", "version", "description"), Set.of());
    Path root = Path.of(a.require("registry"));
    if (!Files.isDirectory(root)) {
      throw new UsageException("--registry: no such folder: " + root);
    }
    ModelRegistry registry = new ModelRegistry(root);
    Optional<String> group = Optional.ofNullable(a.get("group"));
    switch (sub) {
      case "list" -> list(registry, group);
      case "describe" -> out.print(describe(registry, registry.find(group, version(a))));
      case "approve", "reject" -> {
        ApprovalStatus status = sub.equals("approve") ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
        ModelVersion before = registry.find(group, version(a));
        ModelVersion after = registry.decide(before, status, a.get("description"));
        out.println(after.id() + ": " + before.status().label() + " -> " + after.status().label());
      }
      default -> throw new UsageException("unknown registry subcommand '" + sub + "' (list, describe, approve, reject)");
    }
    return 0;
  }

  private void list(ModelRegistry registry, Optional<String> group) throws Exception {
    out.printf("%-30s %7s  %-22s %8s%n", "group", "version", "status", "auc");
    for (ModelVersion v : group.isPresent() ? registry.versions(group.get()) : registry.list()) {
      JsonNode auc = registry.read(v).path(ModelRegistry.METRICS_FIELD).path("auc");
      out.printf("%-30s %7d  %-22s %8s%n", v.group(), v.version(), v.status().label(),
          auc.isNumber() ? String.format(java.util.Locale.ROOT, "%.4f", auc.asDouble()) : "-");
    }
  }

  private static String describe(ModelRegistry registry, ModelVersion v) throws Exception {
    StringBuilder sb = new StringBuilder();
    sb.append("version: ").append(v.dir()).append('\n');
    sb.append(registry.read(v).toPrettyString()).append('\n');
    Path lineage = v.dir().resolve(ModelVersion.LINEAGE);
    if (Files.isRegularFile(lineage)) {
      sb.append("lineage:\n").append(Files.readString(lineage));
    }
    return sb.toString();
  }

  private static int version(Args a) {
    String v = a.require("version");
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new UsageException("--version must be a whole number from 1: " + v);
  }
}

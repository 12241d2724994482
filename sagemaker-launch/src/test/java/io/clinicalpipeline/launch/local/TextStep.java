package io.clinicalpipeline.launch.local;

import io.clinicalpipeline.common.manifest.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small real step for engine tests: concatenates the lines of its inputs' {@code data.txt}, appends its
 * parameter to each, writes {@code data.txt} and a {@code _manifest.json}. With {@code control/block-<name>}
 * present it writes half its output, announces {@code control/started-<name>} and waits (to be killed).
 */
final class TextStep implements LocalStep {
  private final String name;
  private final List<String> dependsOn;
  private final List<Path> inputs;
  private final String output;
  private final String param;
  private final Path control;

  TextStep(String name, List<String> dependsOn, List<Path> inputs, String output, String param, Path control) {
    this.name = name;
    this.dependsOn = dependsOn;
    this.inputs = inputs;
    this.output = output;
    this.param = param;
    this.control = control;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> dependsOn() {
    return dependsOn;
  }

  @Override
  public List<Path> inputs() {
    return inputs;
  }

  @Override
  public List<String> outputs() {
    return List.of(output);
  }

  @Override
  public String configuration() {
    return "text-step param=" + param;
  }

  @Override
  public long execute(Path staging) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Path in : inputs) {
      Path file = Files.isDirectory(in) ? in.resolve("data.txt") : in;
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lines.add(l + "|" + param);
      }
    }
    if (lines.contains("fail|" + param)) {
      throw new io.clinicalpipeline.common.JobRunner.JobException("input asks " + name + " to fail");
    }
    Path out = staging.resolve(output);
    Files.createDirectories(out);
    Path block = control.resolve("block-" + name);
    if (Files.exists(block)) {
      Files.writeString(out.resolve("data.txt"), lines.get(0) + "\n", StandardCharsets.UTF_8);
      Files.writeString(control.resolve("started-" + name), "", StandardCharsets.UTF_8);
      while (Files.exists(block)) {
        Thread.sleep(50);
      }
    }
    Files.write(out.resolve("data.txt"), lines, StandardCharsets.UTF_8);
    Manifest m = new Manifest("text-step-" + name, "1").table("lines", lines.size(), lines.size(), 0);
    m.configDigest = Manifest.sha256(configuration());
    Files.writeString(out.resolve(Manifest.FILE_NAME), m.toJson(), StandardCharsets.UTF_8);
    return -1;
  }

  /** a ← source; b ← a; c ← b; d ← a; e ← c, d (nested output folder). */
  static List<LocalStep> chain(Path root, Path source, Path control, String paramB) throws IOException {
    Files.createDirectories(control);
    return List.of(
        new TextStep("a", List.of(), List.of(source), "a", "pa", control),
        new TextStep("b", List.of("a"), List.of(root.resolve("a")), "b", paramB, control),
        new TextStep("c", List.of("b"), List.of(root.resolve("b")), "c", "pc", control),
        new TextStep("d", List.of("a"), List.of(root.resolve("a")), "d", "pd", control),
        new TextStep("e", List.of("c", "d"), List.of(root.resolve("c"), root.resolve("d")), "e/nested", "pe", control));
  }

  /** Runs the chain; the child JVM the kill test starts. Arguments: root, source file, control folder. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    RunReport r = new LocalRunner(root, System.err).run(chain(root, Path.of(args[1]), Path.of(args[2]), "pb"));
    System.exit(r.succeeded() ? 0 : 1);
  }
}

package io.clinicalpipeline.launch.local;

import io.clinicalpipeline.launch.graph.Artifacts;
import io.clinicalpipeline.launch.graph.Locator;
import io.clinicalpipeline.launch.graph.Step;
import io.clinicalpipeline.launch.graph.StepInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Local paths for one step: inputs from the committed output root, outputs into the step's staging root
 * (which mirrors the output root). With {@code root} and {@code staging} both set to the text "OUT" it
 * renders the root-independent arguments the cache key is computed from.
 */
final class LocalLocator implements Locator {
  private final Step step;
  private final String source;
  private final String root;
  private final String staging;
  private final boolean demoKey;
  private final List<String> filesUsed = new ArrayList<>();

  LocalLocator(Step step, String source, String root, String staging, boolean demoKey) {
    this.step = step;
    this.source = source;
    this.root = root;
    this.staging = staging;
    this.demoKey = demoKey;
  }

  @Override
  public String input(String name) {
    StepInput in = step.input(name);
    if (in.artifact().equals(Artifacts.SOURCE)) {
      return source;
    }
    String p = root + "/" + Artifacts.folder(in.artifact());
    return in.subpath().isEmpty() ? p : p + "/" + in.subpath();
  }

  @Override
  public String output(String artifact) {
    return staging + "/" + Artifacts.folder(artifact);
  }

  @Override
  public Optional<String> file(String role, Optional<String> localPath) {
    Optional<String> p = localPath.map(x -> Path.of(x).toAbsolutePath().normalize().toString());
    p.ifPresent(filesUsed::add);
    return p;
  }

  /** The configuration files the arguments rendered so far refer to. */
  List<String> filesUsed() {
    return List.copyOf(filesUsed);
  }

  @Override
  public Optional<String> qualityHistory() {
    return Optional.of(root + "/" + Artifacts.QUALITY_HISTORY_FOLDER);
  }

  @Override
  public boolean demoKey() {
    return demoKey;
  }
}

package io.clinicalpipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole graph, as {@code clinical-pipeline run-local} runs it, on data made with Synthea's default
 * naming (numbered names such as {@code Nolan344}) and patients of a second state: generated here by the
 * sample-data generator in a JVM of its own, small (a few dozen records, three years of history).
 * The run must end with exit 0, and the de-identified layer's PHI leak scan must find nothing.
 */
class SyntheaDefaultNamesIT {

  static final String GENERATOR = "io.clinicalpipeline.synthea.SampleDataMain";
  static final String LAUNCHER = "io.clinicalpipeline.launch.Main";

  @TempDir static Path work;
  static Path data;
  static Path out;
  static ChildJvm.Result run;

  @BeforeAll
  static void generateAndRun() throws IOException {
    data = work.resolve("synthea-default-names");
    generate("--patients", "15", "--seed", "16");
    generate("--patients", "6", "--seed", "17", "--state", "New Mexico", "--append");
    // A few dozen patients: the shipped one-year acute-care task for every age and without a year of
    // history before the index visit, so that training has both labels; and no gate on the AUC of such
    // a model or its gain over the baseline. The calibration slope keeps its widest allowed range.
    String task = shippedTask("acute-care-1y")
        .replace("min-age: 18", "min-age: 0")
        .replace("min-history-days: 365", "min-history-days: 0");
    assertThat(task).contains("min-age: 0", "min-history-days: 0");
    Path taskFile = Files.writeString(work.resolve("task.yaml"), task);
    Path config = Files.writeString(work.resolve("pipeline.yaml"),
        "features:\n  task: " + taskFile + "\nevaluation:\n  min-auc: 0.0\n  min-auc-gain-lower-bound: -1.0\n"
            + "  min-calibration-slope: 0.0\n  max-calibration-slope: 100.0\n");
    out = work.resolve("out");
    run = ChildJvm.builder(LAUNCHER)
        .classpath(Project.launcherClasspath())
        .heap("-Xmx3g")
        .jvmArg("-Dclinical-pipeline.home=" + Project.root())
        .args("run-local", "--input", data.toString(), "--output", out.toString(), "--config", config.toString(),
            "--demo-key")
        .log(work.resolve("run-local.log"))
        .run(1800);
  }

  private static String shippedTask(String name) throws IOException {
    try (var in = SyntheaDefaultNamesIT.class.getResourceAsStream("/io/clinicalpipeline/jobs/features/tasks/" + name + ".yaml")) {
      assertThat(in).as("shipped task " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void generate(String... options) {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("--output", data.toString(), "--years-of-history", "3", "--no-fhir",
        "--synthea-default-names"));
    ChildJvm.Result r = ChildJvm.builder(GENERATOR)
        .classpath(Project.syntheaClasspath())
        .heap("-Xmx3g")
        .args(args.toArray(String[]::new))
        .log(work.resolve("generate-" + options[3] + ".log"))
        .run(600);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void theData_hasNumberedNames_andTwoStates() throws IOException {
    List<String> patients = lines(data.resolve("csv/patients.csv.gz"));
    List<String> header = List.of(patients.get(0).split(","));
    int first = header.indexOf("FIRST");
    int last = header.indexOf("LAST");
    int state = header.indexOf("STATE");
    List<String[]> rows = patients.subList(1, patients.size()).stream().map(l -> l.split(",", -1)).toList();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(21);
    assertThat(rows).allSatisfy(f -> {
      assertThat(f[first]).matches("\\p{L}[\\p{L}' -]*\\d+");
      assertThat(f[last]).matches("\\p{L}[\\p{L}' -]*\\d+");
    });
    assertThat(rows.stream().map(f -> f[state]).distinct()).containsExactlyInAnyOrder("Massachusetts", "New Mexico");
  }

  @Test
  void runLocal_endsWithExit0_andTheLeakScanFindsNothing() throws IOException {
    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.resolve("quality/deid/report.json").toFile());
    List<JsonNode> leakChecks = new ArrayList<>();
    report.path("checks").forEach(c -> {
      if (c.path("type").asText().equals("phi-leak")) {
        leakChecks.add(c);
      }
    });
    assertThat(leakChecks).extracting(c -> c.path("table").asText())
        .contains("encounters", "conditions", "observations", "medications", "procedures", "notes");
    assertThat(leakChecks).allSatisfy(c -> {
      assertThat(c.path("status").asText()).as(c.path("name").asText()).isEqualTo("passed");
      assertThat(c.path("violatingRows").asLong()).as(c.path("name").asText()).isZero();
    });
    JsonNode notes = leakChecks.stream().filter(c -> c.path("table").asText().equals("notes")).findFirst().orElseThrow();
    assertThat(notes.path("applicableRows").asLong()).isPositive();
    // A model of a few dozen patients is declined by the register condition (its calibration slope), and
    // the run still ends with exit 0, saying why and registering nothing.
    assertThat(run.output()).containsPattern("model not registered: calibration slope -?[0-9.]+ is outside");
    assertThat(out.resolve("registry/clinical-pipeline/1")).doesNotExist();
  }

  private static List<String> lines(Path gz) throws IOException {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      return in.lines().toList();
    }
  }
}

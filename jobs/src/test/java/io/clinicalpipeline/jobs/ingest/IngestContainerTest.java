package io.clinicalpipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.container.ProcessingContainer;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.model.RawSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inside a SageMaker Processing container (a fake root laid out as SageMaker does), {@code --input} and
 * {@code --output} default to the configured local paths and a failure is written where SageMaker shows it.
 */
class IngestContainerTest {

  @AfterEach
  void leaveContainer() {
    System.clearProperty(ProcessingContainer.ROOT_PROPERTY);
  }

  @Test
  void run_inContainerWithoutPaths_readsRawInputAndWritesRawOutput(@TempDir Path root) {
    enter(root, "raw-input", "/opt/ml/processing/input/raw", "raw", "/opt/ml/processing/output/raw");
    Path input = root.resolve("opt/ml/processing/input/raw");
    IngestQuarantineTest.write(
        input.resolve("csv/patients.csv"),
        "Id,BIRTHDATE,GENDER",
        IngestQuarantineTest.P1 + ",1980-01-02,F");
    IngestQuarantineTest.write(
        input.resolve("csv/encounters.csv"),
        "Id,START,PATIENT,CODE",
        "e1,2020-01-01T10:00:00Z," + IngestQuarantineTest.P1 + ",185349003");

    assertThat(IngestJob.run(new String[0])).isZero();

    Path output = root.resolve("opt/ml/processing/output/raw");
    Manifest m = Manifest.fromJson(IngestCrossFormatTest.read(output.resolve(Manifest.FILE_NAME)));
    assertThat(m.tables.get(RawSchemas.PATIENTS).rowsOut).isEqualTo(1);
    assertThat(m.tables.get(RawSchemas.ENCOUNTERS).rowsOut).isEqualTo(1);
    assertThat(Files.isDirectory(output.resolve(RawSchemas.NOTES))).isTrue();
    assertThat(root.resolve("opt/ml/output/message")).doesNotExist();
  }

  @Test
  void run_inContainerWithMissingInput_failsNamingThePathInTheMessageFile(@TempDir Path root)
      throws Exception {
    enter(root, "raw-input", "/opt/ml/processing/input/raw", "raw", "/opt/ml/processing/output/raw");

    assertThat(IngestJob.run(new String[0])).isEqualTo(2);

    String message = Files.readString(root.resolve("opt/ml/output/message"));
    assertThat(message).startsWith("ingest failed: input not found: file:").endsWith("/opt/ml/processing/input/raw");
  }

  @Test
  void parse_inContainerWithoutRawInput_usesTheFirstInput(@TempDir Path root) {
    enter(root, "dataset", "/opt/ml/processing/input/dataset", "raw", "/opt/ml/processing/output/raw");

    IngestOptions options = IngestOptions.parse(new String[] {"--format", "csv"});

    assertThat(options.input()).isEqualTo(root.resolve("opt/ml/processing/input/dataset").toString());
    assertThat(options.output()).isEqualTo(root.resolve("opt/ml/processing/output/raw").toString());
    assertThat(options.format()).isEqualTo(InputFormat.CSV);
  }

  @Test
  void parse_explicitPaths_winOverTheContainer(@TempDir Path root) {
    enter(root, "raw-input", "/opt/ml/processing/input/raw", "raw", "/opt/ml/processing/output/raw");

    IngestOptions options = IngestOptions.parse(new String[] {"--input", "s3://bucket/in", "--output", "out"});

    assertThat(options.toArgs()).containsExactly("--input", "s3://bucket/in", "--output", "out", "--format", "auto");
  }

  @Test
  void parse_outsideContainerWithoutInput_namesTheFlag() {
    assertThatThrownBy(() -> IngestOptions.parse(new String[] {"--output", "out"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("--input is required");
    assertThatThrownBy(() -> IngestOptions.parse(new String[] {"--input", "in", "--output", "o", "--format", "xml"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("--format must be auto, csv or fhir: xml");
  }

  @Test
  void run_inputNotFound_exitsTwoWithoutContainer(@TempDir Path tmp) {
    assertThat(IngestJob.run(IngestCrossFormatTest.args(tmp.resolve("nope"), tmp.resolve("out"), "auto")))
        .isEqualTo(2);
    assertThat(IngestJob.run(IngestCrossFormatTest.args(tmp, tmp.resolve("out"), "fhir"))).isEqualTo(2);
  }

  /** Lays out {@code root/opt/ml/config/processingjobconfig.json} as SageMaker writes it. */
  static void enter(Path root, String inputName, String inputPath, String outputName, String outputPath) {
    String config =
        "{\"ProcessingJobName\":\"ingest-test\",\"ProcessingInputs\":[{\"InputName\":\"" + inputName
            + "\",\"S3Input\":{\"LocalPath\":\"" + inputPath + "\",\"S3Uri\":\"s3://bucket/raw\","
            + "\"S3DataType\":\"S3Prefix\",\"S3InputMode\":\"File\"}},{\"InputName\":\"code\",\"S3Input\":"
            + "{\"LocalPath\":\"/opt/ml/processing/input/code\",\"S3Uri\":\"s3://bucket/code\"}}],"
            + "\"ProcessingOutputConfig\":{\"Outputs\":[{\"OutputName\":\"" + outputName + "\",\"S3Output\":"
            + "{\"LocalPath\":\"" + outputPath + "\",\"S3Uri\":\"s3://bucket/out\",\"S3UploadMode\":\"EndOfJob\"}}]}}";
    IngestQuarantineTest.write(root.resolve("opt/ml/config/processingjobconfig.json"), config);
    System.setProperty(ProcessingContainer.ROOT_PROPERTY, root.toString());
  }
}

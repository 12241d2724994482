package io.clinicalpipeline.synthea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicatorTest {

  static final String P1 = "1e621f4c-db30-c273-49e9-2dcad508a9cb";
  static final String P2 = "347ceebf-0248-5a56-14f3-e1e8e8ffb73c";
  static final String E1 = "ee6a74cb-e973-d096-e6ca-75c1206b6d90";
  static final String E2 = "79a12cc3-1eca-4796-1212-5f8926fb97f7";
  static final String ORG = "91808f17-7583-32a3-aa55-23b131b327c7";

  @TempDir Path dir;
  Path input;
  Path output;

  @BeforeEach
  void writeInput() throws IOException {
    input = dir.resolve("in");
    output = dir.resolve("out");
    write(input.resolve("csv/patients.csv.gz"),
        "Id,BIRTHDATE,DEATHDATE,SSN,FIRST,MIDDLE,LAST,MAIDEN,CITY,ZIP",
        P1 + ",2009-03-23,,999-35-9473,Jessie,Foster,Glover,,Whitman,02382",
        P2 + ",1950-06-01,2024-02-29,999-11-2222,Lecia,,Sanford,\"Kuhn\",Boston,02110");
    write(input.resolve("csv/encounters.csv.gz"),
        "Id,START,STOP,PATIENT,ORGANIZATION,ENCOUNTERCLASS,DESCRIPTION",
        E1 + ",2021-04-12T09:31:55Z,2021-04-12T10:01:31Z," + P1 + "," + ORG + ",wellness,\"Well child visit, (procedure)\"",
        E2 + ",2024-02-28T23:00:00Z,2024-02-29T01:00:00Z," + P2 + "," + ORG + ",emergency,Emergency room admission");
    write(input.resolve("csv/organizations.csv.gz"), "Id,NAME", ORG + ",SOUTH SHORE CENTER");
    String note = "2021-04-12\n\n# History of Present Illness\nJessie\n is a 12 year-old boy. Glover family.\n";
    write(input.resolve("fhir/Patient.ndjson.gz"),
        "{\"resourceType\":\"Patient\",\"id\":\"" + P1 + "\",\"name\":[{\"use\":\"official\",\"family\":\"Glover\","
            + "\"given\":[\"Jessie\",\"Foster\"]}],\"birthDate\":\"2009-03-23\"}",
        "{\"resourceType\":\"Patient\",\"id\":\"" + P2 + "\",\"name\":[{\"family\":\"Sanford\",\"given\":[\"Lecia\"]}],"
            + "\"birthDate\":\"1950-06-01\",\"deceasedDateTime\":\"2024-02-29T01:00:00+00:00\"}");
    write(input.resolve("fhir/DocumentReference.ndjson"),
        "{\"resourceType\":\"DocumentReference\",\"id\":\"" + E1.replace('e', 'f') + "\",\"subject\":{\"reference\":\"Patient/"
            + P1 + "\"},\"date\":\"2021-04-12T09:31:55.000+00:00\",\"content\":[{\"attachment\":{\"contentType\":"
            + "\"text/plain\",\"data\":\"" + Base64.getEncoder().encodeToString(note.getBytes(StandardCharsets.UTF_8))
            + "\"}}],\"context\":{\"encounter\":[{\"reference\":\"Encounter/" + E1 + "\"}]}}");
    write(input.resolve("notes/Jessie_Glover_" + P1 + ".txt.gz"), note.strip());
  }

  @Test
  void replicate_threeCopies_multipliesRowsWithDistinctIds() throws Exception {
    run(3);

    List<List<String>> patients = csv(output.resolve("csv/patients.csv.gz"));
    List<List<String>> encounters = csv(output.resolve("csv/encounters.csv.gz"));
    assertThat(patients).hasSize(6);
    assertThat(encounters).hasSize(6);
    assertThat(csv(output.resolve("csv/organizations.csv.gz"))).hasSize(3);
    assertThat(lines(output.resolve("fhir/Patient.ndjson.gz"))).hasSize(6);
    assertThat(lines(output.resolve("fhir/DocumentReference.ndjson"))).hasSize(3);
    assertThat(notes()).hasSize(3);

    Set<String> patientIds = new HashSet<>(column(patients, 0));
    assertThat(patientIds).hasSize(6).contains(P1, P2);
    assertThat(new HashSet<>(column(encounters, 0))).hasSize(6);
    assertThat(patientIds).allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
  }

  @Test
  void replicate_references_pointIntoTheSameCopy() throws Exception {
    run(3);

    Map<String, String> birthByPatient = new HashMap<>();
    for (List<String> p : csv(output.resolve("csv/patients.csv.gz"))) {
      birthByPatient.put(p.get(0), p.get(1));
    }
    Set<String> orgs = new HashSet<>(column(csv(output.resolve("csv/organizations.csv.gz")), 0));
    Set<Long> ageInDaysAtEncounter = new HashSet<>();
    for (List<String> e : csv(output.resolve("csv/encounters.csv.gz"))) {
      assertThat(birthByPatient).containsKey(e.get(3));
      assertThat(orgs).contains(e.get(4));
      LocalDate birth = LocalDate.parse(birthByPatient.get(e.get(3)));
      ageInDaysAtEncounter.add(ChronoUnit.DAYS.between(birth, LocalDate.parse(e.get(1).substring(0, 10))));
    }
    // Same day offset for the whole copy: every patient's age at each encounter is unchanged.
    assertThat(ageInDaysAtEncounter).hasSize(2);

    Set<String> fhirPatients = new HashSet<>();
    for (String line : lines(output.resolve("fhir/Patient.ndjson.gz"))) {
      fhirPatients.add(line.substring(line.indexOf("\"id\":\"") + 6, line.indexOf("\"id\":\"") + 42));
    }
    assertThat(fhirPatients).isEqualTo(birthByPatient.keySet());
    for (String line : lines(output.resolve("fhir/DocumentReference.ndjson"))) {
      String patient = line.substring(line.indexOf("Patient/") + 8, line.indexOf("Patient/") + 44);
      assertThat(birthByPatient).containsKey(patient);
      String encounter = line.substring(line.indexOf("Encounter/") + 10, line.indexOf("Encounter/") + 46);
      assertThat(column(csv(output.resolve("csv/encounters.csv.gz")), 0)).contains(encounter);
    }
  }

  @Test
  void replicate_copies_changeNamesAndDatesConsistently() throws Exception {
    run(2);

    List<List<String>> patients = csv(output.resolve("csv/patients.csv.gz"));
    List<String> copy = patients.stream().filter(p -> !p.get(0).equals(P1) && !p.get(0).equals(P2))
        .filter(p -> p.get(3).equals("999-35-9473")).findFirst().orElseThrow();
    String first = copy.get(4);
    String last = copy.get(6);
    assertThat(first).isNotEqualTo("Jessie").isNotBlank();
    assertThat(last).isNotEqualTo("Glover").isNotBlank();
    assertThat(copy.get(8)).isEqualTo("Whitman");
    long shift = ChronoUnit.DAYS.between(LocalDate.parse("2009-03-23"), LocalDate.parse(copy.get(1)));
    assertThat(shift).isNegative();

    String copiedNote = notes().stream().filter(p -> p.getFileName().toString().contains(copy.get(0)))
        .map(ReplicatorTest::read).findFirst().orElseThrow();
    assertThat(notes()).anyMatch(p -> p.getFileName().toString().equals(first + "_" + last + "_" + copy.get(0) + ".txt.gz"));
    assertThat(copiedNote).startsWith(LocalDate.parse("2021-04-12").plusDays(shift).toString())
        .contains(first + "\n is a 12 year-old boy. " + last + " family.")
        .doesNotContain("Jessie").doesNotContain("Glover");

    String doc = lines(output.resolve("fhir/DocumentReference.ndjson")).get(1);
    String data = doc.substring(doc.indexOf("\"data\":\"") + 8, doc.indexOf('"', doc.indexOf("\"data\":\"") + 8));
    String fhirNote = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    assertThat(fhirNote.strip()).isEqualTo(copiedNote);
    assertThat(doc).contains("\"date\":\"" + LocalDate.parse("2021-04-12").plusDays(shift) + "T09:31:55.000+00:00\"");
    String fhirPatient = lines(output.resolve("fhir/Patient.ndjson.gz")).get(1);
    assertThat(fhirPatient).contains("\"family\":\"" + last + "\"").contains("\"given\":[\"" + first + "\"")
        .contains("\"id\":\"" + copy.get(0) + "\"");
  }

  @Test
  void replicate_oneCopy_reproducesTheInput() throws Exception {
    run(1);

    assertThat(read(output.resolve("csv/patients.csv.gz"))).isEqualTo(read(input.resolve("csv/patients.csv.gz")));
    assertThat(read(output.resolve("fhir/DocumentReference.ndjson")))
        .isEqualTo(read(input.resolve("fhir/DocumentReference.ndjson")));
  }

  @Test
  void replicate_twice_givesIdenticalFiles() throws Exception {
    run(3);
    Path first = output;
    output = dir.resolve("out2");
    run(3);

    for (Path f : files(first)) {
      assertThat(Files.readAllBytes(output.resolve(first.relativize(f).toString())))
          .as(f.toString()).isEqualTo(Files.readAllBytes(f));
    }
  }

  @Test
  void replicate_filesOutsideTheDataFolders_areSkipped() throws Exception {
    Files.writeString(input.resolve("README.md"), "# sample");
    write(input.resolve("generator/target/surefire-reports/x.txt"), "not data");

    run(2);

    assertThat(output.resolve("README.md")).doesNotExist();
    assertThat(output.resolve("generator")).doesNotExist();
    assertThat(files(output)).hasSize(7);
  }

  @Test
  void replicate_nonEmptyOutput_isRefused() throws Exception {
    Files.createDirectories(output);
    Files.writeString(output.resolve("x"), "x");

    assertThatThrownBy(() -> run(2)).hasMessage("--output must be empty or missing: " + output);
  }

  private void run(int copies) throws Exception {
    new Replicator(copies).run(input, output, new PrintStream(new ByteArrayOutputStream()));
  }

  private List<Path> notes() throws IOException {
    return files(output.resolve("notes"));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static void write(Path p, String... lines) throws IOException {
    try (BufferedWriter w = Gzip.writer(p)) {
      w.write(String.join("\n", lines) + "\n");
    }
  }

  static List<String> lines(Path p) throws IOException {
    try (BufferedReader r = Gzip.reader(p)) {
      return r.lines().toList();
    }
  }

  static String read(Path p) {
    try {
      return String.join("\n", lines(p));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Data rows, without the header. */
  static List<List<String>> csv(Path p) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<String> lines = lines(p);
    for (String line : lines.subList(1, lines.size())) {
      rows.add(Csv.split(line));
    }
    return rows;
  }

  static List<String> column(List<List<String>> rows, int i) {
    return rows.stream().map(r -> r.get(i)).toList();
  }
}

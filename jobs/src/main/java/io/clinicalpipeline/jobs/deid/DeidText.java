package io.clinicalpipeline.jobs.deid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.List;
import java.util.Set;

/**
 * {@code deid-text}: de-identifies JSONL lines {@code {"id", "text"}} and writes, one line per input line in
 * the same order, {@code {"id", "text", "spans": [{"start", "end", "type"}]}} (offsets into the input).
 */
public final class DeidText {

  public static final String HELP =
      """
      Usage: clinical-pipeline deid-text --input in.jsonl --output out.jsonl [options]
        --input FILE           JSONL, one {"id": ..., "text": "..."} a line (other fields ignored)
        --output FILE          JSONL: {"id", "text" (de-identified), "spans": [{"start","end","type"}]}
        --replace MODE         tags (default: [NAME], [DATE], ...) or surrogates (needs a key)
        --date-policy P        shift (default) or safe-harbor: how dates are rewritten with surrogates
        --key-file F | --key-env VAR | --demo-key   the key for surrogates and date shifts
                               (default environment variable CLINICAL_PIPELINE_DEID_KEY)
        --rules FILE           YAML of extra allow words and deny words/patterns (see DEID.md)
        --explain FILE         JSONL: per record, each candidate span with its recogniser, veto and score
                               (holds PHI: written only to FILE, never logged)
        --threshold T          score threshold 0..1 (default 0.5): lower finds more, higher redacts less
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static double threshold(String s) {
    try {
      double t = Double.parseDouble(s);
      if (t >= 0 && t <= 1) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--threshold must be a number from 0 to 1");
  }

  private DeidText() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run("deid-text", () -> runChecked(args));
  }

  static int runChecked(String[] args) throws IOException {
    Args a =
        Args.parse(
            args, Set.of("input", "output", "replace", "date-policy", "key-file", "key-env", "rules", "explain", "threshold"),
            Set.of("demo-key"));
    Path in = Path.of(a.require("input"));
    Path out = Path.of(a.require("output"));
    ReplacementMode mode = ReplacementMode.parse("replace", a.get("replace", "tags"));
    DatePolicy policy = DatePolicy.parse(a.get("date-policy", "shift"));
    KeySource keys = new KeySource(a.get("key-file"), a.get("key-env"), a.has("demo-key"));
    PseudonymKey key =
        mode == ReplacementMode.SURROGATES ? keys.resolve(System.getenv(), List.of(out.toString())) : null;
    if (!Files.isRegularFile(in)) {
      throw new UsageException("--input is not a file: " + in);
    }
    UserRules rules = a.has("rules") ? UserRules.read(Path.of(a.get("rules"))) : UserRules.NONE;
    double threshold = threshold(a.get("threshold", String.valueOf(NoteDetector.DEFAULT_THRESHOLD)));
    NoteDetector detector = new NoteDetector(Lexicon.get(), rules, threshold);
    NoteScrubber scrubber = new NoteScrubber(detector, mode, policy, key);
    Path explainFile = a.has("explain") ? Path.of(a.get("explain")) : null;
    int year = Year.now().getValue();
    long lines = 0;
    long spans = 0;
    try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        BufferedWriter explain = explainFile == null ? null : Files.newBufferedWriter(explainFile, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        String text = node.path("text").asText("");
        JsonNode id = node.get("id");
        String scope = id == null ? "" : id.asText();
        int shift = key == null ? 0 : key.shiftDays(scope);
        NoteScrubber.Result res = scrubber.scrub(text, KnownIdentifiers.none(), scope, shift, year);
        ObjectNode o = JSON.createObjectNode();
        o.set("id", id);
        o.put("text", res.text());
        ArrayNode arr = o.putArray("spans");
        for (PhiSpan s : res.spans()) {
          arr.addObject()
              .put("start", text.codePointCount(0, s.start()))
              .put("end", text.codePointCount(0, s.end()))
              .put("type", s.type().name());
        }
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
        if (explain != null) {
          explain.write(JSON.writeValueAsString(Explanation.of(id, text, detector.detectExplained(text, KnownIdentifiers.none()))));
          explain.write('\n');
        }
        lines++;
        spans += res.spans().size();
      }
    }
    System.out.println("deid-text: " + lines + " lines, " + spans + " PHI spans replaced");
    return 0;
  }
}

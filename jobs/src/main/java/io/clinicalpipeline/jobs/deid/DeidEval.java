package io.clinicalpipeline.jobs.deid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code deid-eval}: scores detected PHI spans against gold spans. Measures: covered recall (system spans
 * cover every non-space character of a gold span), overlap recall (any overlap), precision (system spans
 * that overlap a gold span), over-redaction (share of gold records without PHI in which anything was
 * detected), covered recall per gold type. Without {@code --system} it runs the detector on the gold texts.
 */
public final class DeidEval {

  public static final String HELP =
      """
      Usage: clinical-pipeline deid-eval --gold gold.jsonl [--system out.jsonl] [--types T1,T2] [--output F]
        --gold FILE     JSONL {"id", "text", "spans": [{"start", "end", "type"}]} (end exclusive)
        --system FILE   what deid-text wrote; default: run the de-identifier on the gold texts now
        --types LIST    score only gold spans of these types (e.g. the HIPAA ones of a data set)
        --output FILE   also write the scores as JSON
      """;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DeidEval() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run("deid-eval", () -> runChecked(args));
  }

  /** A gold or system record: text (gold only) and spans as code-point offsets. */
  record Doc(String text, List<int[]> spans, List<String> types) {}

  static int runChecked(String[] args) throws IOException {
    Args a = Args.parse(args, Set.of("gold", "system", "types", "output"), Set.of());
    Map<String, Doc> gold = load(Path.of(a.require("gold")));
    Set<String> types =
        a.get("types") == null
            ? null
            : Arrays.stream(a.get("types").split(",")).map(String::strip).collect(Collectors.toSet());
    Map<String, Doc> system;
    double seconds = 0;
    long chars = 0;
    if (a.get("system") != null) {
      system = load(Path.of(a.get("system")));
    } else {
      NoteScrubber scrubber = new NoteScrubber(Lexicon.get(), ReplacementMode.TAGS, DatePolicy.SHIFT, null);
      system = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      for (Map.Entry<String, Doc> e : gold.entrySet()) {
        String text = e.getValue().text();
        chars += text.length();
        List<int[]> spans = new ArrayList<>();
        List<String> ts = new ArrayList<>();
        for (PhiSpan s : scrubber.detect(text, KnownIdentifiers.none())) {
          spans.add(new int[] {text.codePointCount(0, s.start()), text.codePointCount(0, s.end())});
          ts.add(s.type().name());
        }
        system.put(e.getKey(), new Doc(null, spans, ts));
      }
      seconds = (System.nanoTime() - t0) / 1e9;
    }
    ObjectNode res = score(gold, system, types);
    if (seconds > 0) {
      res.put("detector_seconds", Math.round(seconds * 1000) / 1000.0);
      res.put("detector_chars", chars);
    }
    String out = JSON.writeValueAsString(res);
    System.out.println(out);
    if (a.get("output") != null) {
      Files.writeString(Path.of(a.get("output")), out + "\n", StandardCharsets.UTF_8);
    }
    return 0;
  }

  static ObjectNode score(Map<String, Doc> gold, Map<String, Doc> system, Set<String> types) {
    long nGold = 0;
    long hitOverlap = 0;
    long hitCovered = 0;
    long nSys = 0;
    long sysTouch = 0;
    long neg = 0;
    long negFlagged = 0;
    long missing = 0;
    Map<String, long[]> perType = new TreeMap<>();
    for (Map.Entry<String, Doc> e : gold.entrySet()) {
      Doc g = e.getValue();
      int[] cps = g.text().codePoints().toArray();
      Doc s = system.get(e.getKey());
      if (s == null) {
        missing++;
      }
      List<int[]> sys = s == null ? List.of() : s.spans();
      boolean[] covered = new boolean[cps.length + 1];
      for (int[] sp : sys) {
        for (int i = Math.max(0, sp[0]); i < Math.min(cps.length, sp[1]); i++) {
          covered[i] = true;
        }
      }
      List<int[]> gspans = new ArrayList<>();
      for (int k = 0; k < g.spans().size(); k++) {
        int[] gs = g.spans().get(k);
        String type = g.types().get(k);
        if (types != null && !types.contains(type)) {
          continue;
        }
        gspans.add(gs);
        nGold++;
        boolean ov = sys.stream().anyMatch(sp -> sp[0] < gs[1] && gs[0] < sp[1]);
        boolean cov = true;
        for (int i = gs[0]; i < gs[1] && i < cps.length; i++) {
          if (!covered[i] && !Character.isWhitespace(cps[i])) {
            cov = false;
            break;
          }
        }
        hitOverlap += ov ? 1 : 0;
        hitCovered += cov ? 1 : 0;
        long[] t = perType.computeIfAbsent(type, x -> new long[2]);
        t[0]++;
        t[1] += cov ? 1 : 0;
      }
      for (int[] sp : sys) {
        nSys++;
        if (g.spans().stream().anyMatch(gs -> sp[0] < gs[1] && gs[0] < sp[1])) {
          sysTouch++;
        }
      }
      if (g.spans().isEmpty()) {
        neg++;
        negFlagged += sys.isEmpty() ? 0 : 1;
      }
    }
    ObjectNode r = JSON.createObjectNode();
    r.put("records", gold.size());
    r.put("records_missing_in_output", missing);
    r.put("gold_spans", nGold);
    r.put("system_spans", nSys);
    putRatio(r, "recall_overlap", hitOverlap, nGold);
    putRatio(r, "recall_covered", hitCovered, nGold);
    putRatio(r, "ppv_overlap", sysTouch, nSys);
    putRatio(r, "overredaction", negFlagged, neg);
    ObjectNode byType = r.putObject("recall_covered_by_type");
    perType.forEach((t, v) -> byType.put(t, v[1] + "/" + v[0]));
    return r;
  }

  private static void putRatio(ObjectNode r, String name, long num, long den) {
    if (den == 0) {
      r.putNull(name);
    } else {
      r.put(name, Math.round(10000.0 * num / den) / 10000.0);
    }
  }

  static Map<String, Doc> load(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new UsageException("not a file: " + path);
    }
    Map<String, Doc> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      List<int[]> spans = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (JsonNode s : n.path("spans")) {
        if (s.hasNonNull("start") && s.hasNonNull("end")) {
          spans.add(new int[] {s.get("start").asInt(), s.get("end").asInt()});
          types.add(s.path("type").asText(""));
        }
      }
      out.put(n.path("id").asText(), new Doc(n.has("text") ? n.get("text").asText() : null, spans, types));
    }
    return out;
  }
}

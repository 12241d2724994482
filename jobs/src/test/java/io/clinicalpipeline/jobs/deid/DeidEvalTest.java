package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeidEvalTest {

  @TempDir Path tmp;

  @Test
  void score_coveredOverlapPrecisionAndOverRedaction() throws Exception {
    Path gold = Files.writeString(tmp.resolve("gold.jsonl"), String.join("\n",
        "{\"id\": 1, \"text\": \"Seen by Dr. Ada Byron on 3/4/2020.\", \"spans\": [{\"start\": 8, \"end\": 21, \"type\": \"NAME\"}, {\"start\": 25, \"end\": 33, \"type\": \"DATE\"}]}",
        "{\"id\": 2, \"text\": \"No PHI here at all.\", \"spans\": []}",
        "{\"id\": 3, \"text\": \"Also none.\", \"spans\": []}"));
    Path sys = Files.writeString(tmp.resolve("sys.jsonl"), String.join("\n",
        "{\"id\": 1, \"spans\": [{\"start\": 12, \"end\": 15, \"type\": \"NAME\"}, {\"start\": 25, \"end\": 33, \"type\": \"DATE\"}, {\"start\": 0, \"end\": 4, \"type\": \"NAME\"}]}",
        "{\"id\": 2, \"spans\": [{\"start\": 0, \"end\": 2, \"type\": \"ID\"}]}",
        "{\"id\": 3, \"spans\": []}"));
    Map<String, DeidEval.Doc> g = DeidEval.load(gold);
    ObjectNode r = DeidEval.score(g, DeidEval.load(sys), null);
    assertThat(r.get("recall_overlap").asDouble()).isEqualTo(1.0);
    assertThat(r.get("recall_covered").asDouble()).isEqualTo(0.5);
    assertThat(r.get("ppv_overlap").asDouble()).isEqualTo(0.5);
    assertThat(r.get("overredaction").asDouble()).isEqualTo(0.5);
    assertThat(r.get("recall_covered_by_type").get("DATE").asText()).isEqualTo("1/1");
  }

  @Test
  void deidText_writesOneLinePerInputWithSpans() throws Exception {
    Path in = Files.writeString(tmp.resolve("in.jsonl"),
        "{\"id\": \"a\", \"text\": \"Call 617-555-0199 today.\"}\n{\"id\": \"b\", \"text\": \"Nothing.\"}\n");
    Path out = tmp.resolve("out.jsonl");
    assertThat(DeidText.run(new String[] {"--input", in.toString(), "--output", out.toString()})).isZero();
    assertThat(Files.readAllLines(out))
        .containsExactly(
            "{\"id\":\"a\",\"text\":\"Call [PHONE] today.\",\"spans\":[{\"start\":5,\"end\":17,\"type\":\"PHONE\"}]}",
            "{\"id\":\"b\",\"text\":\"Nothing.\",\"spans\":[]}");
  }
}

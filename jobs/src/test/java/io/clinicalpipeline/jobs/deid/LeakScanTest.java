package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.util.List;
import java.util.Map;
import org.ahocorasick.trie.PayloadTrie;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LeakScanTest {

  private final PayloadTrie<String> trie =
      LeakScan.automaton(Map.of("1950-03-14", "BIRTH_DATE", "quenby", "NAME", "555-867-5309", "PHONE",
          "dee", "NAME", "s99923054", "LICENSE"));

  @Test
  void find_matchesWholeWordsInAnyCase() {
    assertThat(LeakScan.find(trie, "SEEN BY QUENBY TODAY")).containsExactly("NAME");
    assertThat(LeakScan.find(trie, "call 555-867-5309")).containsExactly("PHONE");
    assertThat(LeakScan.find(trie, "Quenbyville clinic")).isEmpty();
  }

  @Test
  void find_countsABirthDateOnlyWhereTheTextPresentsItAsOne() {
    assertThat(LeakScan.find(trie, "Visit on 1950-03-14: follow-up")).isEmpty();
    assertThat(LeakScan.find(trie, "DOB: 1950-03-14")).containsExactly("BIRTH_DATE");
    assertThat(LeakScan.find(trie, "Date of birth 1950-03-14")).containsExactly("BIRTH_DATE");
    assertThat(LeakScan.find(trie, "born on 1950-03-14")).containsExactly("BIRTH_DATE");
  }

  @Test
  void find_ignoresIdentifiersInsideLongerTokens_suchAsHexPseudonyms() {
    // A keyed pseudonym is 32 hex digits: a name of the letters a-f sits in some of them between digits.
    assertThat(LeakScan.find(trie, "5e0c3dee7a91b2c4d6f8091a2b3c4d5e")).isEmpty();
    assertThat(LeakScan.find(trie, "dee0c1f2a3b4c5d6e7f8091a2b3c4d5e")).isEmpty();
    assertThat(LeakScan.find(trie, "code XS999230541 and 2s99923054")).isEmpty();
    assertThat(LeakScan.find(trie, "tel 1555-867-53099")).isEmpty();
    assertThat(LeakScan.find(trie, "Dee, licence S99923054.")).containsExactly("NAME", "LICENSE");
  }

  @Test
  void find_countsANameWithANumericSuffix_asSyntheaWritesIt() {
    assertThat(LeakScan.find(trie, "Quenby344 is a 45 year-old")).containsExactly("NAME");
    assertThat(LeakScan.find(trie, "(Dee12)")).containsExactly("NAME");
    assertThat(LeakScan.find(trie, "Quenby344x")).isEmpty();
  }

  @Test
  void identifiers_searchNumberedNames_withAndWithoutTheirSuffix_andOrdinaryWordsOnlyWithIt() {
    Map<String, String> terms = LeakScan.identifiers(patients(RowFactory.create("p-1", "Will344", "Quenby581")));
    assertThat(terms)
        .containsEntry("will344", "NAME")
        .containsEntry("quenby581", "NAME")
        .containsEntry("quenby", "NAME")
        .containsEntry("will quenby", "NAME")
        .containsEntry("will344 quenby581", "NAME")
        .doesNotContainKey("will");
  }

  @Test
  void scan_ofCleanOutput_withHexOnlyNamesInsidePseudonyms_isClean_whileTheNameInTextIsFound() {
    Dataset<Row> raw = patients(RowFactory.create("p-1", "Ada581", "Quenby344"), RowFactory.create("p-2", "Dee7", "Fae90"));
    StructType notes = new StructType().add("note_id", DataTypes.StringType).add("patient_id", DataTypes.StringType)
        .add("text", DataTypes.StringType);
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> clean = spark.createDataFrame(List.of(
        RowFactory.create("0ada1c2b3c4d5e6f708192a3b4c5d6e7", "5e0c3dee7a91b2c4d6f8091fae3c4d5e", "Seen today, no complaints."),
        RowFactory.create("9fae0c1b2a3d4e5f60718293a4b5c6d7", "1ada2c3b4c5d6e7f8091a2b3c4d5e6f7", "Kalo344 is a 45 year-old.")),
        notes);
    assertThat(LeakScan.scan(raw, Map.of("notes", clean)).hits()).isEmpty();

    Dataset<Row> leaking = spark.createDataFrame(List.of(
        RowFactory.create("0ada1c2b3c4d5e6f708192a3b4c5d6e7", "5e0c3dee7a91b2c4d6f8091fae3c4d5e", "Ada581 is a 45 year-old."),
        RowFactory.create("9fae0c1b2a3d4e5f60718293a4b5c6d7", "1ada2c3b4c5d6e7f8091a2b3c4d5e6f7", "Seen with Dee.")),
        notes);
    // Hits, not rows: "Ada581" is found as itself and as "Ada", "Dee" once.
    assertThat(LeakScan.scan(raw, Map.of("notes", leaking)).byColumn())
        .containsOnlyKeys("notes.text")
        .containsEntry("notes.text", Map.of("NAME", 3L));
  }

  private static Dataset<Row> patients(Row... rows) {
    StructType schema = new StructType().add("patient_id", DataTypes.StringType)
        .add("first_name", DataTypes.StringType).add("last_name", DataTypes.StringType);
    return SparkTestSession.get().createDataFrame(List.of(rows), schema);
  }
}

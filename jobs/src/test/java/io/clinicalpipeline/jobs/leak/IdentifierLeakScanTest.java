package io.clinicalpipeline.jobs.leak;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IdentifierLeakScanTest {

  private static final StructType NOTES =
      new StructType().add("note_id", DataTypes.StringType).add("patient_id", DataTypes.StringType)
          .add("text", DataTypes.StringType).add("length", DataTypes.IntegerType);

  @Test
  void flag_marksRowsWithAnIdentifierInAnyTextColumn_notHexOnlyNamesInsidePseudonyms() {
    IdentifierLeakScan scan =
        IdentifierLeakScan.fromRawPatients(
            PatientIdentifiersTest.patients(
                RowFactory.create("p-1", "Ada581", "Quenby344"), RowFactory.create("pt-0002", "Dee7", "Fae90")));
    Dataset<Row> notes =
        SparkTestSession.get()
            .createDataFrame(
                List.of(
                    RowFactory.create("0ada1c2b3c4d5e6f708192a3b4c5d6e7", "5e0c3dee7a91b2c4d6f8091fae3c4d5e", "Seen today.", 11),
                    RowFactory.create("9fae0c1b2a3d4e5f60718293a4b5c6d7", "1ada2c3b4c5d6e7f8091a2b3c4d5e6f7", "Kalo344, 45.", 12),
                    RowFactory.create("1fae0c1b2a3d4e5f60718293a4b5c6d7", "2ada2c3b4c5d6e7f8091a2b3c4d5e6f7", "Ada581 is 45.", 13),
                    RowFactory.create("2fae0c1b2a3d4e5f60718293a4b5c6d7", "pt-0002", "Seen.", 5)),
                NOTES);
    Dataset<Row> flagged = scan.flag(notes, "leak");
    assertThat(flagged.columns()).containsExactly("note_id", "patient_id", "text", "length", "leak");
    assertThat(flagged.filter(col("leak")).select("length").as(org.apache.spark.sql.Encoders.INT()).collectAsList())
        .containsExactlyInAnyOrder(13, 5);
    assertThat(scan.identifierCount()).isGreaterThan(8);
  }
}

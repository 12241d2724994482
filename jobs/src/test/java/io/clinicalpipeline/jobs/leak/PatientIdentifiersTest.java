package io.clinicalpipeline.jobs.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class PatientIdentifiersTest {

  @Test
  void numberedNames_areSearchedWithAndWithoutTheirSuffix_andOrdinaryWordsOnlyWithIt() {
    Map<String, String> terms = PatientIdentifiers.of(patients(RowFactory.create("p-1", "Will344", "Quenby581")));
    assertThat(terms)
        .containsEntry("will344", "NAME")
        .containsEntry("quenby581", "NAME")
        .containsEntry("quenby", "NAME")
        .containsEntry("will quenby", "NAME")
        .containsEntry("will344 quenby581", "NAME")
        .doesNotContainKey("will");
  }

  @Test
  void namesThatAreUnitsOrWardShorthand_areSearchedOnlyAsTheFullName() {
    // "Min" is a first name and the unit of every rate ("/min"); "Sat" a name part and a saturation.
    Map<String, String> terms = PatientIdentifiers.of(patients(RowFactory.create("p-1", "Min", "Sat")));
    assertThat(terms).containsEntry("min sat", "NAME").doesNotContainKeys("min", "sat");
    assertThat(IdentifierMatcher.of(terms).find("Heart rate 72 /min, sat 98%")).isEmpty();
    assertThat(IdentifierMatcher.of(terms).find("Min Sat seen today")).containsExactly("NAME");
  }

  @Test
  void aBirthDate_isSearchedInTheWaysTextWritesOne() {
    StructType schema = new StructType().add("patient_id", DataTypes.StringType).add("birth_date", DataTypes.DateType);
    Dataset<Row> raw =
        SparkTestSession.get()
            .createDataFrame(List.of(RowFactory.create("pt-0001", java.sql.Date.valueOf("1950-03-14"))), schema);
    assertThat(PatientIdentifiers.of(raw))
        .containsEntry("1950-03-14", "BIRTH_DATE")
        .containsEntry("3/14/1950", "BIRTH_DATE")
        .containsEntry("03/14/1950", "BIRTH_DATE")
        .containsEntry("march 14, 1950", "BIRTH_DATE")
        .containsEntry("pt-0001", "PATIENT_ID");
  }

  static Dataset<Row> patients(Row... rows) {
    StructType schema = new StructType().add("patient_id", DataTypes.StringType)
        .add("first_name", DataTypes.StringType).add("last_name", DataTypes.StringType);
    return SparkTestSession.get().createDataFrame(List.of(rows), schema);
  }
}

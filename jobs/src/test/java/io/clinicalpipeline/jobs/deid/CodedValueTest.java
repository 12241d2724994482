package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.model.RawSchemas;
import java.sql.Timestamp;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Observation values that are identifiers (a survey's address answer) lose the value, keep the row. */
class CodedValueTest {

  private static final StructType SCHEMA = RawSchemas.OBSERVATIONS_SCHEMA;

  private static Row observation(String code, String valueText) {
    Object[] v = new Object[SCHEMA.fields().length];
    v[SCHEMA.fieldIndex("patient_id")] = "raw-patient-1";
    v[SCHEMA.fieldIndex("code")] = code;
    v[SCHEMA.fieldIndex("value_text")] = valueText;
    v[SCHEMA.fieldIndex("effective_time")] = Timestamp.valueOf("2020-01-01 10:00:00");
    return new GenericRowWithSchema(v, SCHEMA);
  }

  private static String deidentifiedValue(Row in) {
    ColumnPlan plan = ColumnPlan.of(RawSchemas.OBSERVATIONS, SCHEMA);
    DeidSettings settings =
        new DeidSettings(PseudonymKey.of("unit-test-key-0123456789"), DatePolicy.SHIFT, ReplacementMode.TAGS,
            LocalDate.of(2025, 1, 1), ZipCodes.load());
    Row out = new StructuredDeidFunction(plan, settings).deidentify(in);
    return out.getString(plan.outputSchema().fieldIndex("value_text"));
  }

  @Test
  void addressAnswer_becomesItsTag() {
    assertThat(deidentifiedValue(observation("56799-0", "12 Quenby Lane Apt 4"))).isEqualTo("[ADDRESS]");
  }

  @Test
  void otherTextValues_areKept() {
    assertThat(deidentifiedValue(observation("72166-2", "Never smoked tobacco"))).isEqualTo("Never smoked tobacco");
  }
}

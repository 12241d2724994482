package io.clinicalpipeline.jobs.deid;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scrubs notes on the executors. Input rows are notes joined with their patient's raw identifier columns
 * (prefixed {@value #PATIENT_PREFIX}); the scrubber (lexicons, automata, compiled patterns) is built once
 * per partition, the patient's own automaton once per patient (rows arrive grouped by patient). Output:
 * the note columns of the plan plus one count column per PHI type ({@code phi_<TYPE>}), which the job
 * sums for the report and drops before writing.
 */
public final class NoteScrubFunction implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  public static final String PATIENT_PREFIX = "p_";

  /** Patient columns whose values are searched for in that patient's notes, with their PHI type. */
  public static final Map<String, PhiType> PATIENT_IDENTIFIERS =
      Map.ofEntries(
          Map.entry("first_name", PhiType.NAME),
          Map.entry("middle_name", PhiType.NAME),
          Map.entry("last_name", PhiType.NAME),
          Map.entry("maiden_name", PhiType.NAME),
          Map.entry("ssn", PhiType.SSN),
          Map.entry("mrn", PhiType.MRN),
          Map.entry("drivers_license", PhiType.LICENSE),
          Map.entry("passport", PhiType.LICENSE),
          Map.entry("phone", PhiType.PHONE),
          Map.entry("address", PhiType.ADDRESS),
          Map.entry("city", PhiType.LOCATION),
          Map.entry("county", PhiType.LOCATION),
          Map.entry("birthplace", PhiType.LOCATION),
          Map.entry("zip", PhiType.ZIP),
          Map.entry("email", PhiType.EMAIL));

  private final ColumnPlan plan;
  private final DeidSettings settings;
  private final StructType inputSchema;

  public NoteScrubFunction(ColumnPlan plan, DeidSettings settings, StructType inputSchema) {
    this.plan = plan;
    this.settings = settings;
    this.inputSchema = inputSchema;
  }

  /** The output schema: the plan's note columns then {@code phi_<TYPE>} integer counts. */
  public static StructType outputSchema(ColumnPlan plan) {
    List<StructField> f = new ArrayList<>(List.of(plan.outputSchema().fields()));
    for (PhiType t : PhiType.values()) {
      f.add(DataTypes.createStructField("phi_" + t.name(), DataTypes.IntegerType, false));
    }
    return new StructType(f.toArray(new StructField[0]));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    StructuredDeidFunction structured = new StructuredDeidFunction(plan, settings);
    NoteScrubber scrubber =
        new NoteScrubber(Lexicon.get(), settings.replacement(), settings.datePolicy(), settings.key());
    int textIndex = plan.columns(ColumnPlan.Op.TEXT).isEmpty() ? -1 : indexOfOutput("text");
    int noteTime = inputSchema.getFieldIndex("note_time").isDefined() ? inputSchema.fieldIndex("note_time") : -1;
    int patient = inputSchema.fieldIndex("patient_id");
    List<String> idColumns = new ArrayList<>();
    for (String c : PATIENT_IDENTIFIERS.keySet()) {
      if (inputSchema.getFieldIndex(PATIENT_PREFIX + c).isDefined()) {
        idColumns.add(c);
      }
    }
    idColumns.sort(null);
    return new Iterator<>() {
      private String lastPatient;
      private KnownIdentifiers known = KnownIdentifiers.none();

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row in = rows.next();
        Row base = structured.deidentify(in);
        String rawPatient = in.isNullAt(patient) ? null : in.getString(patient);
        if (!Objects.equals(rawPatient, lastPatient)) {
          known = known(in, idColumns);
          lastPatient = rawPatient;
        }
        Object[] out = new Object[base.length() + PhiType.values().length];
        for (int i = 0; i < base.length(); i++) {
          out[i] = base.get(i);
        }
        int[] counts = new int[PhiType.values().length];
        if (textIndex >= 0 && base.get(textIndex) != null) {
          int year = noteTime >= 0 && !in.isNullAt(noteTime) ? year(in.get(noteTime)) : 2000;
          String scope = rawPatient == null ? "" : settings.key().pseudonym(rawPatient);
          NoteScrubber.Result r =
              scrubber.scrub(base.getString(textIndex), known, scope, settings.shiftDays(rawPatient), year);
          out[textIndex] = r.text();
          for (PhiSpan s : r.spans()) {
            counts[s.type().ordinal()]++;
          }
        }
        for (int k = 0; k < counts.length; k++) {
          out[base.length() + k] = counts[k];
        }
        return RowFactory.create(out);
      }
    };
  }

  private KnownIdentifiers known(Row in, List<String> idColumns) {
    KnownIdentifiers.Builder b = KnownIdentifiers.builder();
    String first = null;
    String last = null;
    for (String c : idColumns) {
      int i = inputSchema.fieldIndex(PATIENT_PREFIX + c);
      if (in.isNullAt(i)) {
        continue;
      }
      String v = in.get(i).toString();
      PhiType t = PATIENT_IDENTIFIERS.get(c);
      if (t == PhiType.NAME) {
        b.name(v);
        if (c.equals("first_name")) {
          first = v;
        } else if (c.equals("last_name")) {
          last = v;
        }
      } else {
        b.identifier(v, t);
      }
    }
    if (first != null && last != null) {
      b.name(first + " " + last);
    }
    int pid = inputSchema.fieldIndex("patient_id");
    if (!in.isNullAt(pid)) {
      b.identifier(in.getString(pid), PhiType.ID);
    }
    return b.build();
  }

  private int indexOfOutput(String name) {
    return plan.outputSchema().fieldIndex(name);
  }

  private static int year(Object v) {
    if (v instanceof java.sql.Timestamp t) {
      return LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC).getYear();
    }
    if (v instanceof java.time.Instant i) {
      return LocalDateTime.ofInstant(i, ZoneOffset.UTC).getYear();
    }
    return 2000;
  }
}

package io.clinicalpipeline.common.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code _manifest.json} every job writes beside its outputs: job name and version, digests of its
 * configuration and of its inputs' manifests, row counts per table, and timing. Manifests chain into the
 * lineage of a run and drive local step caching.
 *
 * <p>Invariant, checked by {@link #balanced()}: for every table, rows in = rows out + rows quarantined.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Manifest {

  public static final String FILE_NAME = "_manifest.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  @JsonProperty public String job;
  @JsonProperty public String version;
  @JsonProperty public String configDigest;
  /** Input name → digest of that input's manifest (or of its files when it has none). */
  @JsonProperty public Map<String, String> inputs = new TreeMap<>();
  /** Table → counts. */
  @JsonProperty public Map<String, TableCounts> tables = new TreeMap<>();
  @JsonProperty public String startedAt;
  @JsonProperty public String finishedAt;
  /** Free-form, value-free facts a job wants to record (e.g. "date-policy": "shift"). */
  @JsonProperty public Map<String, String> attributes = new TreeMap<>();

  /** Rows in, out and quarantined for one table. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class TableCounts {
    @JsonProperty public long rowsIn;
    @JsonProperty public long rowsOut;
    @JsonProperty public long rowsQuarantined;
    /** Source file → quarantine reason → rows; absent when nothing was quarantined. */
    @JsonProperty
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, Map<String, Long>> quarantineReasons = new TreeMap<>();

    public TableCounts() {}

    public TableCounts(long rowsIn, long rowsOut, long rowsQuarantined) {
      this.rowsIn = rowsIn;
      this.rowsOut = rowsOut;
      this.rowsQuarantined = rowsQuarantined;
    }

    public boolean balanced() {
      return rowsIn == rowsOut + rowsQuarantined;
    }
  }

  public Manifest() {}

  public Manifest(String job, String version) {
    this.job = job;
    this.version = version;
  }

  public Manifest table(String name, long rowsIn, long rowsOut, long rowsQuarantined) {
    tables.put(name, new TableCounts(rowsIn, rowsOut, rowsQuarantined));
    return this;
  }

  /** Whether rows in = rows out + rows quarantined holds for every table. */
  public boolean balanced() {
    return tables.values().stream().allMatch(TableCounts::balanced);
  }

  public long totalIn() {
    return tables.values().stream().mapToLong(t -> t.rowsIn).sum();
  }

  public long totalOut() {
    return tables.values().stream().mapToLong(t -> t.rowsOut).sum();
  }

  public long totalQuarantined() {
    return tables.values().stream().mapToLong(t -> t.rowsQuarantined).sum();
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Manifest fromJson(String json) {
    try {
      return JSON.readValue(json, Manifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a valid " + FILE_NAME + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** SHA-256 of this manifest's content without its timing, for caching and lineage. */
  public String digest() {
    Manifest copy = fromJson(toJson());
    copy.startedAt = null;
    copy.finishedAt = null;
    return sha256(copy.toJson());
  }

  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A map view that keeps insertion order, for callers building attributes fluently. */
  public static Map<String, String> attributes() {
    return new LinkedHashMap<>();
  }
}

package io.clinicalpipeline.launch.sagemaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/** A rendered SageMaker pipeline definition and the files it expects in S3. */
public record Definition(String pipelineName, ObjectNode json, List<Upload> uploads, List<String> warnings) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String toJson() {
    try {
      return JSON.writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The compact form sent as {@code PipelineDefinition} (at most 1 MB). */
  public String toCompactJson() {
    return json.toString();
  }
}

package io.clinicalpipeline.launch.sagemaker;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts about SageMaker instance types the definition depends on. The API rejects a volume KMS key on
 * instance types with local NVMe storage (encrypted by the instance's hardware): g5, g6, p4d, p5, trn1
 * and every family with a "d" after its generation (m5d, c6id, g4dn, p3dn, ...).
 */
public final class InstanceTypes {

  private static final Set<String> NVME_FAMILIES =
      Set.of("g5", "g6", "g6e", "gr6", "p4d", "p4de", "p5", "p5e", "p5en", "trn1", "trn1n", "trn2", "inf2");
  private static final Pattern FAMILY = Pattern.compile("ml\\.([a-z]+)(\\d+)([a-z\\-]*)\\..+");
  private static final Set<String> GPU_PREFIXES = Set.of("g", "p");

  private InstanceTypes() {}

  public static boolean hasLocalNvme(String instanceType) {
    Matcher m = FAMILY.matcher(instanceType);
    if (!m.matches()) {
      return false;
    }
    String family = m.group(1) + m.group(2) + m.group(3);
    return NVME_FAMILIES.contains(family) || m.group(3).contains("d");
  }

  public static boolean isGpu(String instanceType) {
    Matcher m = FAMILY.matcher(instanceType);
    return m.matches() && GPU_PREFIXES.contains(m.group(1));
  }
}

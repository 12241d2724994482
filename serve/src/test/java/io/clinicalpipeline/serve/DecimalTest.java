package io.clinicalpipeline.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalTest {

  @Test
  void parse_agreesWithFloatParseFloat() {
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      String s = switch (i % 5) {
        case 0 -> Float.toString(Float.intBitsToFloat(random.nextInt()));
        case 1 -> String.format(Locale.ROOT, "%.6f", random.nextGaussian() * Math.pow(10, random.nextInt(8)));
        case 2 -> Integer.toString(random.nextInt());
        case 3 -> Long.toString(random.nextLong()) + "." + random.nextInt(1000);
        default -> random.nextInt(100) + "e" + (random.nextInt(90) - 45);
      };
      if (s.contains("NaN") || s.contains("Infinity")) {
        continue;
      }
      assertThat(bits(parse(s))).as(s).isEqualTo(bits(Float.parseFloat(s)));
    }
  }

  @Test
  void parse_edgeCases() {
    for (String s : new String[] {"0", "-0", "0.000001", ".5", "1.", "+3", "16777217", "0.1", "1e10", "1E-10",
        "3.4028235e38", "1e39", "1.4e-45", "1e-50", "123456789012345678901234567890"}) {
      assertThat(bits(parse(s))).as(s).isEqualTo(bits(Float.parseFloat(s)));
    }
  }

  @Test
  void parse_refusesWhatIsNotAPlainDecimal() {
    for (String s : new String[] {"", "-", ".", "abc", "1,5", "NaN", "Infinity", "0x10", "1f", "1d", "1e", "1e+",
        "1..2", "1-2"}) {
      assertThatThrownBy(() -> parse(s)).as(s).isInstanceOf(NumberFormatException.class);
    }
  }

  private static float parse(String s) {
    byte[] b = ("[" + s + "]").getBytes(StandardCharsets.US_ASCII);
    return Decimal.parse(b, 1, b.length - 1);
  }

  private static int bits(float f) {
    return Float.floatToRawIntBits(f);
  }
}

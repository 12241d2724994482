package io.clinicalpipeline.jobs.deid;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places as ward notes write them: the unit, ward or hospital after a transfer or admission word ("transfer
 * to [ward] 2", "transferred to [abbreviation]"), with an optional bed or floor number; campuses and
 * memorials by their word ("the [name] campus", "[name] memorial"); and years written short with an
 * apostrophe in histories ("MI '92", "CABG 99'").
 */
final class WardNotePlaces {

  private WardNotePlaces() {}

  private static final Pattern AFTER_TRANSFER =
      Pattern.compile("(?i)\\b(?:transfer(?:red|ed)?|tranfer(?:red|ed)?|trans|xfer(?:red)?|c/o|admitted|readmitted|sent|went|go|going|back|came|presented|arrived)"
          + "[ \\t]+(?:back[ \\t]+)?(?:to|from|at|in)[ \\t]+(?:the[ \\t]+)?(?:[0-9]{1,3}[ \\t]+)?([\\p{L}][\\p{L}'’-]*)(?:[ \\t]?([0-9]{1,2})\\b)?");

  private static final Pattern CAMPUS =
      Pattern.compile("(?i)\\b([\\p{L}][\\p{L}'’-]*)[ \\t]+(?:campus|memorial|medical center|med center|hospital|hosp|clinic)\\b");

  private static final Pattern SHORT_YEAR = Pattern.compile("(?<![\\w'’])['’](\\d\\d)\\b(?!['’])|(?<![\\w.'/])(\\d\\d)['’](?=[\\s.,;)]|$)");

  static void findPlaces(NoteDocument doc, List<PhiSpan> out) {
    String text = doc.text();
    AllowList allow = AllowList.shipped();
    if (!doc.telegraphic()) {
      return;
    }
    Matcher m = AFTER_TRANSFER.matcher(text);
    while (m.find()) {
      String w = m.group(1);
      if (!allow.allows(w) && !allow.nearlyAllows(w) && !Recognisers.WEEKDAYS_AND_MONTHS.matcher(w.toLowerCase()).matches()) {
        out.add(new PhiSpan(m.start(1), m.end(2) >= 0 ? m.end(2) : m.end(1), PhiType.LOCATION));
      }
    }
    Matcher c = CAMPUS.matcher(text);
    while (c.find()) {
      String w = c.group(1);
      if (!allow.allows(w) && !allow.nearlyAllows(w)) {
        out.add(new PhiSpan(c.start(1), c.end(), PhiType.LOCATION));
      }
    }
  }

  static void findShortYears(NoteDocument doc, List<PhiSpan> out) {
    if (!doc.telegraphic()) {
      return;
    }
    Matcher m = SHORT_YEAR.matcher(doc.text());
    while (m.find()) {
      out.add(new PhiSpan(m.start(), m.end(), PhiType.DATE));
    }
  }
}

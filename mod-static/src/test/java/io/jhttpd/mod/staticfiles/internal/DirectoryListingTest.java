package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes in a fancy listing, as APR's apr_strfsize writes them (Apache 2.4.71's listings showed these). */
class DirectoryListingTest {

    @ParameterizedTest(name = "{0} bytes → \"{1}\"")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "0|  0 ", "5|  5 ", "972|972 ", "973|1.0K", "1023|1.0K", "5000|4.9K", "10240| 10K",
        "9727|9.5K", "9728|9.5K", "9729|9.5K", "10189| 10K", "999999|1.0M", "500000|488K", "2000000|1.9M", "1073741824|1.0G", "-1|  - "})
    void sizesAsApr(long size, String text) {
        assertEquals(text, DirectoryListing.sizeText(size));
    }
}

package org.gleaner.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** Token streams written out for comparison in analysis tests. */
final class TokenStreams {
    private TokenStreams() {}

    /** Each token as {@code term@start-end+positionIncrement}; the stream is consumed and closed. */
    static List<String> described(TokenStream stream) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute position = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + "+"
                        + position.getPositionIncrement());
            }
            stream.end();
        }
        return tokens;
    }
}

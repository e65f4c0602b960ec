package org.gleaner.feed;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Text (already repaired by {@link XmlRepair}, so without DOCTYPE) to an {@link XElement} tree. First the
 * JDK's SAX parser, hardened anyway (no DTD, no external entities, secure processing); when the document is
 * not well-formed, the lenient scanner, which recovers what is there: mismatched end tags close what they
 * match, a truncated document keeps its complete elements and marks the rest unclosed.
 */
final class XmlReaders {
    /** A tree and whether it came from a well-formed document. */
    record Tree(@Nullable XElement root, boolean wellFormed) {}

    /** One hardened factory per thread: factories are not documented thread-safe, and lookup is costly. */
    private static final ThreadLocal<SAXParserFactory> FACTORY = ThreadLocal.withInitial(XmlReaders::newFactory);

    private XmlReaders() {}

    private static SAXParserFactory newFactory() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
        return factory;
    }

    static Tree read(String xml, @Nullable URI base) {
        TreeBuilder strict = new TreeBuilder(base);
        try {
            parseStrict(xml, strict);
            return new Tree(strict.root(), true);
        } catch (SAXException | IOException e) {
            TreeBuilder.LimitExceeded limit = limitCause(e);
            if (limit != null) {
                throw limit;
            }
        }
        TreeBuilder lenient = new TreeBuilder(base);
        new LenientScanner(xml, lenient).run();
        return new Tree(lenient.root(), false);
    }

    private static TreeBuilder.@Nullable LimitExceeded limitCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TreeBuilder.LimitExceeded limit) {
                return limit;
            }
            if (t instanceof SAXException sax && sax.getException() instanceof TreeBuilder.LimitExceeded limit) {
                return limit;
            }
        }
        return null;
    }

    private static void parseStrict(String xml, TreeBuilder builder) throws SAXException, IOException {
        SAXParser parser;
        try {
            parser = FACTORY.get().newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
        parser.parse(new InputSource(new StringReader(xml)), new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                List<String[]> attrs = new ArrayList<>(attributes.getLength());
                for (int i = 0; i < attributes.getLength(); i++) {
                    attrs.add(new String[] {attributes.getQName(i), attributes.getValue(i)});
                }
                builder.start(qName, attrs);
            }

            @Override
            public void endElement(String uri, String localName, String qName) {
                builder.end();
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                builder.text(ch, start, length);
            }

            @Override
            public InputSource resolveEntity(@Nullable String publicId, @Nullable String systemId) {
                return new InputSource(new StringReader(""));
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
    }
}

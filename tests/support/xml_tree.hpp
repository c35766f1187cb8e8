// A small reader of SVG and XHTML for tests: expat parses the text (any well-formedness error
// fails the parse, with its line), and the tree answers "which elements carry this class".
#pragma once

#include <expat.h>

#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fobrig::testing {

struct XmlElement {
    std::string name; // without a namespace prefix
    std::map<std::string, std::string> attributes;
    std::string text; // the element's own text and its children's, concatenated
    std::vector<std::unique_ptr<XmlElement>> children;
    XmlElement* parent = nullptr;

    std::string attribute(const std::string& key) const {
        const auto found = attributes.find(key);
        return found == attributes.end() ? std::string() : found->second;
    }
    double number(const std::string& key) const { return std::stod(attribute(key)); }

    bool has_class(const std::string& cls) const {
        std::istringstream words(attribute("class"));
        for (std::string word; words >> word;) {
            if (word == cls) {
                return true;
            }
        }
        return false;
    }

    // Every element under this one (not itself) for which `match` holds, in document order.
    template <typename Match> std::vector<const XmlElement*> find_all(Match match) const {
        std::vector<const XmlElement*> found;
        collect(match, found);
        return found;
    }
    std::vector<const XmlElement*> with_class(const std::string& cls) const {
        return find_all([&](const XmlElement& e) { return e.has_class(cls); });
    }
    std::vector<const XmlElement*> named(const std::string& element) const {
        return find_all([&](const XmlElement& e) { return e.name == element; });
    }

private:
    template <typename Match>
    void collect(Match& match, std::vector<const XmlElement*>& found) const {
        for (const auto& child : children) {
            if (match(*child)) {
                found.push_back(child.get());
            }
            child->collect(match, found);
        }
    }
};

// Parses `text`; throws std::runtime_error with expat's message and line when it is not
// well-formed XML.
inline std::unique_ptr<XmlElement> parse_xml(const std::string& text) {
    struct State {
        std::unique_ptr<XmlElement> root;
        XmlElement* current = nullptr;
    } state;
    XML_Parser parser = XML_ParserCreateNS("UTF-8", ' ');
    XML_SetUserData(parser, &state);
    XML_SetElementHandler(
        parser,
        [](void* data, const XML_Char* name, const XML_Char** attributes) {
            auto& s = *static_cast<State*>(data);
            auto element = std::make_unique<XmlElement>();
            std::string full = name;
            element->name =
                full.substr(full.rfind(' ') == std::string::npos ? 0 : full.rfind(' ') + 1);
            for (int i = 0; attributes[i]; i += 2) {
                element->attributes[attributes[i]] = attributes[i + 1];
            }
            element->parent = s.current;
            XmlElement* raw = element.get();
            if (s.current) {
                s.current->children.push_back(std::move(element));
            } else {
                s.root = std::move(element);
            }
            s.current = raw;
        },
        [](void* data, const XML_Char*) {
            auto& s = *static_cast<State*>(data);
            s.current = s.current->parent;
        });
    XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* chars, int length) {
        auto& s = *static_cast<State*>(data);
        for (XmlElement* e = s.current; e; e = e->parent) {
            e->text.append(chars, static_cast<std::size_t>(length));
        }
    });
    const auto status = XML_Parse(parser, text.data(), static_cast<int>(text.size()), 1);
    if (status != XML_STATUS_OK) {
        const std::string message = std::string("not well-formed XML: ") +
                                    XML_ErrorString(XML_GetErrorCode(parser)) + " at line " +
                                    std::to_string(XML_GetCurrentLineNumber(parser));
        XML_ParserFree(parser);
        throw std::runtime_error(message);
    }
    XML_ParserFree(parser);
    return std::move(state.root);
}

} // namespace fobrig::testing

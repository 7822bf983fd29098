package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.models.UserModel;

/**
 * The admin console's user search, as an LDAP filter: the search box ({@link UserModel#SEARCH}) or the username, email,
 * first and last name fields, with Keycloak's own meaning (its JPA store's): in the box, {@code "…"} is exact, {@code *}
 * a wildcard, and a term matches as a prefix ({@code *} alone lists everyone); the fields match anywhere, or exactly
 * with {@link UserModel#EXACT}. Values go into structured filters (escaped per RFC 4515 by
 * construction); a value with a control character searches nothing. Searches this provider cannot answer (by custom
 * attribute, identity provider link …) give no filter, so the directory is not asked.
 */
final class DirectorySearch {

    /** Parameters that only narrow a search and need nothing from the directory. */
    private static final Set<String> IGNORED = Set.of(UserModel.INCLUDE_SERVICE_ACCOUNT, UserModel.EXACT);

    private DirectorySearch() {}

    static Optional<Filter> filter(LdapConfig config, Map<String, String> params) {
        boolean exact = Boolean.parseBoolean(params.get(UserModel.EXACT));
        List<Filter> conditions = new ArrayList<>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            String key = param.getKey();
            String value = param.getValue();
            if (IGNORED.contains(key)) {
                continue;
            }
            if (value == null || !DirectoryUsers.plausibleValue(value.strip())) {
                return Optional.empty();
            }
            value = value.strip();
            switch (key) {
                case UserModel.SEARCH -> {
                    List<Filter> terms = new ArrayList<>();
                    for (String term : value.split("\\s+")) {
                        terms.add(anyOf(config, term));
                    }
                    conditions.add(terms.size() == 1 ? terms.get(0) : Filter.createANDFilter(terms));
                }
                case UserModel.USERNAME -> conditions.add(match(config.usernameAttribute(), value, exact));
                case UserModel.EMAIL -> conditions.add(match(config.emailAttribute(), value, exact));
                case UserModel.FIRST_NAME -> conditions.add(match(config.firstNameAttribute(), value, exact));
                case UserModel.LAST_NAME -> conditions.add(match(config.lastNameAttribute(), value, exact));
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (conditions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(conditions.size() == 1 ? conditions.get(0) : Filter.createANDFilter(conditions));
    }

    /** One word of the search box against username, email, first and last name. */
    private static Filter anyOf(LdapConfig config, String term) {
        List<Filter> any = new ArrayList<>();
        for (String attribute : List.of(
                config.usernameAttribute(),
                config.emailAttribute(),
                config.firstNameAttribute(),
                config.lastNameAttribute())) {
            any.add(box(attribute, term));
        }
        return Filter.createORFilter(any);
    }

    /** Keycloak's search-box rules for one attribute: "quoted" exact, * a wildcard, and always open at the end. */
    static Filter box(String attribute, String term) {
        if (term.length() >= 2 && term.startsWith("\"") && term.endsWith("\"")) {
            return Filter.createEqualityFilter(attribute, term.substring(1, term.length() - 1));
        }
        return wildcard(attribute, term.endsWith("*") ? term : term + "*");
    }

    /** A field of the advanced search: anywhere in the value, or the whole value with "exact". */
    private static Filter match(String attribute, String value, boolean exact) {
        return exact ? Filter.createEqualityFilter(attribute, value) : wildcard(attribute, "*" + value + "*");
    }

    private static Filter wildcard(String attribute, String pattern) {
        String[] parts = pattern.split("\\*", -1);
        String initial = parts[0].isEmpty() ? null : parts[0];
        String last = parts[parts.length - 1];
        String fin = parts.length > 1 && !last.isEmpty() ? last : null;
        String[] middle = Arrays.stream(parts, 1, Math.max(1, parts.length - 1))
                .filter(p -> !p.isEmpty())
                .toArray(String[]::new);
        if (initial == null && fin == null && middle.length == 0) {
            return Filter.createPresenceFilter(attribute);
        }
        return Filter.createSubstringFilter(attribute, initial, middle.length == 0 ? null : middle, fin);
    }
}

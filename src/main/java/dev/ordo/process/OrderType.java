package dev.ordo.process;

import java.util.List;

/**
 * An orderable type: the latest deployed process {@code order-<type>} and the metadata analysts keep
 * in its extension properties ({@code displayName}, {@code requiresShipping}, {@code paymentMethods}).
 * An order placed for it starts exactly this definition ({@code processDefinitionId}).
 */
public record OrderType(String type, String name, String processDefinitionKey, int version,
                        boolean requiresShipping, List<String> paymentMethods, String processDefinitionId) {

    public static final String KEY_PREFIX = "order-";

    public boolean accepts(String paymentMethod) {
        return paymentMethods.isEmpty() || paymentMethods.contains(paymentMethod);
    }
}

/**
 * What the flows' pure machines share: page messages. Imports no Keycloak (docs/architecture.md, "Layers").
 */
package io.github.sspr.flow;

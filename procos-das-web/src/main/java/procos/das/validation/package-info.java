/**
 * The validator every BPMN model passes before ProcOS runs it: {@link procos.das.validation.BpmnValidator}
 * (safe XML, Camunda's parser, structure, gateways, naming, metadata, soundness), its
 * {@link procos.das.validation.ValidationReport} of {@link procos.das.validation.Finding}s with stable
 * rule names ({@link procos.das.validation.Rules}), the {@link procos.das.validation.ValidationHash}
 * that shows a model was not changed after validation, and the {@link procos.das.validation.ValidateCommand}
 * command line. The deployment gate in {@code procos.das.runtime.ModelValidationGate} puts it in front
 * of every deployment.
 */
package procos.das.validation;

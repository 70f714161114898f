package procos.das.generation.description;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One block of a process: an activity, or a structure of nested sequences. The JSON form names the
 * block in its {@code type} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Task.class, name = "task"),
        @JsonSubTypes.Type(value = Choice.class, name = "choice"),
        @JsonSubTypes.Type(value = Parallel.class, name = "parallel"),
        @JsonSubTypes.Type(value = Loop.class, name = "loop"),
        @JsonSubTypes.Type(value = Wait.class, name = "wait"),
        @JsonSubTypes.Type(value = MessageWait.class, name = "message")})
public sealed interface Step permits Task, Choice, Parallel, Loop, Wait, MessageWait {
}

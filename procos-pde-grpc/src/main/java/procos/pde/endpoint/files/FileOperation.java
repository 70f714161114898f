package procos.pde.endpoint.files;

import com.google.protobuf.Struct;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/** One task type of the files endpoint: reads its inputs, does the work inside the sandbox, returns outputs. */
interface FileOperation {

    Struct run(InvokeInputs inputs) throws EndpointException;

    /** Whether it changes the sandbox, and is therefore refused on a read-only endpoint. */
    boolean changes();
}

// proto3 JSON (what the browser SDK speaks over WebChannel) ⇄ protobuf binary
// (what the emulator speaks over gRPC) for the Listen RPC. The Firestore v1
// descriptors ship with @google-cloud/firestore; proto3-json-serializer (the
// converter Google's own Node clients use) handles the JSON mapping, including
// Timestamp ⇄ RFC 3339, Int32Value wrappers ⇄ bare numbers, int64 ⇄ string and
// bytes ⇄ base64.
import { createRequire } from "node:module";
import { fromProto3JSON, type JSONValue, toProto3JSON } from "proto3-json-serializer";
import protobuf from "protobufjs";

const require = createRequire(import.meta.url);
const root = protobuf.Root.fromJSON(require("@google-cloud/firestore/build/protos/v1.json"));
const ListenRequest = root.lookupType("google.firestore.v1.ListenRequest");
const ListenResponse = root.lookupType("google.firestore.v1.ListenResponse");

/** The parts of a ListenRequest the gateway routes on; everything else passes through. */
export interface ListenRequestJson {
  database?: string;
  addTarget?: { targetId: number; [field: string]: unknown };
  removeTarget?: number;
  labels?: Record<string, string>;
}

export type ListenResponseJson = { [field: string]: JSONValue };

/** Parses and checks one ListenRequest message sent by the browser. */
export function parseListenRequest(text: string): ListenRequestJson {
  const json: unknown = JSON.parse(text);
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new Error("ListenRequest must be a JSON object");
  }
  const request = json as ListenRequestJson;
  const adds = request.addTarget !== undefined;
  const removes = request.removeTarget !== undefined;
  if (adds === removes) {
    throw new Error("ListenRequest must carry exactly one of addTarget and removeTarget");
  }
  const targetId = adds ? request.addTarget?.targetId : request.removeTarget;
  if (!Number.isInteger(targetId)) {
    throw new Error("ListenRequest target id must be an integer");
  }
  return request;
}

export function encodeListenRequest(request: ListenRequestJson): Buffer {
  const message = fromProto3JSON(ListenRequest, request as JSONValue);
  if (!message) throw new Error("ListenRequest could not be converted to protobuf");
  return Buffer.from(ListenRequest.encode(message).finish());
}

export function decodeListenRequest(bytes: Uint8Array): ListenRequestJson {
  return toProto3JSON(ListenRequest.decode(bytes)) as unknown as ListenRequestJson;
}

export function decodeListenResponse(bytes: Uint8Array): ListenResponseJson {
  return toProto3JSON(ListenResponse.decode(bytes)) as ListenResponseJson;
}

export function encodeListenResponse(response: ListenResponseJson): Buffer {
  const message = fromProto3JSON(ListenResponse, response);
  if (!message) throw new Error("ListenResponse could not be converted to protobuf");
  return Buffer.from(ListenResponse.encode(message).finish());
}

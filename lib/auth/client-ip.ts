/** The request header Vigil's server sets to the client address (never trusted from clients). */
export const CLIENT_IP_HEADER = "x-vigil-client-ip";

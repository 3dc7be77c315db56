# Komitee: one static binary with its assets and migrations compiled in.
#   docker build -t komitee .
#   docker run -p 8090:8090 -v komitee-data:/pb_data komitee
FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/komitee .

FROM alpine:3.22
RUN adduser -D -H -u 10001 komitee && mkdir /pb_data && chown komitee /pb_data
COPY --from=build /out/komitee /usr/local/bin/komitee
USER komitee
VOLUME /pb_data
EXPOSE 8090
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD wget -q -O /dev/null http://127.0.0.1:8090/api/health || exit 1
ENTRYPOINT ["/usr/local/bin/komitee"]
CMD ["serve", "--http=0.0.0.0:8090", "--dir=/pb_data"]

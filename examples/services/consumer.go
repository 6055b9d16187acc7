package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
)

// startBroker runs a Kafka-protocol broker in this process (franz-go's
// kfake), so that the example needs no Kafka installation.
func startBroker() (*kfake.Cluster, error) {
	return kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
}

// startConsumer reads the topic on a goroutine of its own and logs each
// message; handled gets a value per message (the -once client waits on it).
func startConsumer(ctx context.Context, kafkaAddr string, handled chan<- struct{}) *kafka.Reader {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{kafkaAddr}, Topic: topic, Partition: 0, MaxWait: 100 * time.Millisecond})
	go func() {
		for {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				return // the Reader was closed or ctx ended
			}
			slog.InfoContext(ctx, "order looked up", "order", string(m.Key), "item", string(m.Value))
			select {
			case handled <- struct{}{}:
			default:
			}
		}
	}()
	return r
}
